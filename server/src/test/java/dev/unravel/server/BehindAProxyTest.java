package dev.unravel.server;

import static dev.unravel.server.ConsoleTest.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.server.ConsoleTest.Browser;
import dev.unravel.store.Store;
import io.javalin.Javalin;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console behind a reverse proxy on this machine (127.0.0.1), and one that trusts none. */
class BehindAProxyTest {

    @TempDir
    static Path dir;
    static Store store;
    static Javalin proxied;
    static Javalin plain;
    static final List<String> told = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(dir.resolve("store").toString());
        store.putAnalyst("dana", Passwords.hash(PASSWORD));
        store.putAnalyst("lee", Passwords.hash(PASSWORD));
        proxied = Console.create(store, "test", Console.Setup.casesOnly().proxies(TrustedProxies.of(List.of("127.0.0.1"))))
                .start("127.0.0.1", 0);
        plain = Console.create(store, "test", Console.Setup.casesOnly().proxies(TrustedProxies.none().telling(told::add)))
                .start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        for (Javalin app : new Javalin[] {proxied, plain}) {
            if (app != null) {
                app.stop();
            }
        }
        if (store != null) {
            store.close();
        }
    }

    static Browser via(Javalin app, String forwardedFor) {
        Browser b = new Browser("http://127.0.0.1:" + app.port());
        b.headers.put("X-Forwarded-For", forwardedFor);
        return b;
    }

    static String lastAddress(String analyst) {
        return store.accessLog(analyst, 1).get(0).address();
    }

    @Test
    void theAccessLogHasTheAnalystsOwnAddress_asTheTrustedProxySaysIt() throws Exception {
        Browser b = via(proxied, "198.51.100.66, 203.0.113.7");
        assertThat(b.signIn("dana", PASSWORD).statusCode()).isEqualTo(302);
        assertThat(lastAddress("dana")).as("not the proxy's, nor what the client wrote itself")
                .isEqualTo("203.0.113.7");
        assertThat(b.get("/cases").statusCode()).as("the session follows").isEqualTo(200);
    }

    @Test
    void aConsoleThatTrustsNoProxy_ignoresTheHeader_andSaysSo() throws Exception {
        assertThat(via(plain, "203.0.113.8").signIn("lee", PASSWORD).statusCode()).isEqualTo(302);
        assertThat(lastAddress("lee")).isEqualTo("127.0.0.1");
        assertThat(told).anySatisfy(line -> assertThat(line).contains("127.0.0.1 carries X-Forwarded-For")
                .contains("--trusted-proxy 127.0.0.1"));
    }

    @Test
    void behindAProxyThatEndsTls_theSessionCookieIsSecure_andBrowsersAreToldToKeepToHttps() throws Exception {
        Browser b = via(proxied, "203.0.113.9");
        b.headers.put("X-Forwarded-Proto", "https");
        HttpResponse<String> page = b.get("/login");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("unravel_session=")
                .containsIgnoringCase("; Secure"));
        HttpResponse<String> direct = via(proxied, "203.0.113.9").get("/login");
        assertThat(direct.headers().firstValue("Strict-Transport-Security")).as("plain HTTP").isEmpty();
        assertThat(direct.headers().allValues("Set-Cookie")).noneSatisfy(c -> assertThat(c)
                .containsIgnoringCase("Secure"));
    }

    @Test
    void passwordSprayingFromOneAddress_isHeldWhateverTheNames_whileOtherAddressesSignIn() throws Exception {
        Browser sprayer = via(proxied, "203.0.113.50");
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES; i++) {
            assertThat(sprayer.signIn("user" + i, "Summer2026!").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> held = sprayer.signIn("dana", PASSWORD);
        assertThat(held.statusCode()).isEqualTo(429);
        assertThat(held.body()).contains("Too many failed sign-ins from this address: try again in 15 minutes.");
        assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("sign-in-held");
        assertThat(via(proxied, "203.0.113.51").signIn("dana", PASSWORD).statusCode())
                .as("another analyst behind the same proxy").isEqualTo(302);
    }
}
