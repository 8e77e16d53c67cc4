package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.store.Store;
import io.javalin.Javalin;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTPS, with a keystore as keytool makes one. */
class TlsTest {

    static final String PASSWORD = "changeit-42";

    @TempDir
    static Path dir;
    static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = dir.resolve("unravel.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "unravel", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
    }

    /** A client that trusts the console's own certificate, as one given it would. */
    static HttpClient client() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void theConsoleServesHttpsOnly_withSecureCookiesAndHsts() throws Exception {
        try (Store store = Store.open(dir.resolve("store").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            Javalin app = Console.create(store, "test", null, null, Tls.of(keystore, PASSWORD)).start("127.0.0.1", 0);
            try {
                HttpClient https = client();
                HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + app.port() + "/login")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(login.statusCode()).isEqualTo(200);
                assertThat(login.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
                assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                        .startsWith("unravel_session=").containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly"));

                int plain;
                try {
                    plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + app.port() + "/login")).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
                } catch (java.io.IOException refused) {
                    plain = -1; // a plain request to a TLS port may just fail: either way no page is served
                }
                assertThat(plain).as("plain HTTP gets no page").isNotEqualTo(200);
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void aKeystoreThatCannotBeUsedIsToldAtStart() throws Exception {
        assertThatThrownBy(() -> Tls.of(keystore, "wrong-password")).hasMessageContaining("cannot open the keystore")
                .hasMessageContaining("wrong password");
        assertThatThrownBy(() -> Tls.of(dir.resolve("none.p12"), PASSWORD)).hasMessageContaining("no such file");
        assertThatThrownBy(() -> Tls.of(keystore, null)).hasMessageContaining("UNRAVEL_TLS_PASSWORD");
        Path notAKeystore = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
        assertThatThrownBy(() -> Tls.of(notAKeystore, PASSWORD)).hasMessageContaining("as PKCS#12");
    }
}
