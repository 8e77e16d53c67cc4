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
import java.util.List;
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
        keystore = makeKeystore(dir.resolve("unravel.p12"));
    }

    static Path makeKeystore(Path file) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "unravel", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12", "-keystore",
                file.toString(), "-storepass", PASSWORD).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        return file;
    }

    /** A client that trusts the console's own certificate, as one given it would. */
    static HttpClient client() throws Exception {
        return client(keystore);
    }

    static HttpClient client(Path trusted) throws Exception {
        return HttpClient.newBuilder().sslContext(trusting(trusted)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    static SSLContext trusting(Path trusted) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trusted)) {
            trust.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    @Test
    void theConsoleServesHttpsOnly_withSecureCookiesAndHsts() throws Exception {
        try (Store store = Store.open(dir.resolve("store").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            Javalin app = Console.create(store, "test", Console.Setup.casesOnly().tls(Tls.of(keystore, PASSWORD))).start("127.0.0.1", 0);
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
    void behindAProxyThatReEncrypts_theClientsAddressIsTakenToo() throws Exception {
        try (Store store = Store.open(dir.resolve("store-proxied").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            Javalin app = Console.create(store, "test", Console.Setup.casesOnly().tls(Tls.of(keystore, PASSWORD))
                    .proxies(TrustedProxies.of(List.of("127.0.0.1")))).start("127.0.0.1", 0);
            try {
                HttpResponse<String> page = client().send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                        + app.port() + "/login")).header("X-Forwarded-For", "203.0.113.7").build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                        .containsIgnoringCase("; Secure"));
                ConsoleTest.Browser b = new ConsoleTest.Browser("https://127.0.0.1:" + app.port(), trusting(keystore));
                b.headers.put("X-Forwarded-For", "203.0.113.7");
                assertThat(b.signIn("dana", "correct horse battery").statusCode()).isEqualTo(302);
                assertThat(store.accessLog("dana", 1).get(0).address()).isEqualTo("203.0.113.7");
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void aRenewedKeystoreIsTakenUpWithoutARestart() throws Exception {
        Path live = Files.copy(keystore, dir.resolve("live.p12"));
        Path renewed = makeKeystore(dir.resolve("renewed.p12"));
        try (Store store = Store.open(dir.resolve("renew-store").toString())) {
            java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            Javalin app = Console.create(store, "test", Console.Setup.casesOnly().tls(Tls.of(live, PASSWORD)
                    .reloadCheckedEvery(java.time.Duration.ofSeconds(1)).telling(told::add))).start("127.0.0.1", 0);
            try {
                URI health = URI.create("https://127.0.0.1:" + app.port() + "/health");
                assertThat(client(keystore).send(HttpRequest.newBuilder(health).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                assertThat(served(renewed, health)).as("the renewed certificate is not served yet").isFalse();

                Files.copy(renewed, live, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                boolean taken = false;
                for (int i = 0; i < 150 && !taken; i++) { // Jetty reloads once the file has stopped changing
                    Thread.sleep(100);
                    taken = served(renewed, health);
                }
                assertThat(taken).as("the renewed certificate is served").isTrue();
                assertThat(told).containsExactly("Took up the renewed certificate in " + live + ".");

                Files.writeString(live, "not a keystore"); // a renewal that went wrong
                for (int i = 0; i < 150 && told.size() < 2; i++) {
                    Thread.sleep(100);
                }
                assertThat(told).hasSize(2);
                assertThat(told.get(1)).startsWith(live + " changed but cannot be used, so the certificate in use is "
                        + "kept: cannot open the keystore");
                assertThat(served(renewed, health)).as("the certificate in use is kept").isTrue();
            } finally {
                app.stop();
            }
        }
    }

    /** Whether a client trusting only {@code trusted} gets an answer from {@code uri}. */
    private static boolean served(Path trusted, URI uri) throws Exception {
        try {
            return client(trusted).send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200;
        } catch (java.io.IOException handshakeRefused) {
            return false;
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
