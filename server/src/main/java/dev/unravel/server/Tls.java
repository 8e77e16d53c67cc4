package dev.unravel.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the console, from a PKCS#12 keystore holding its key and certificate chain (openssl
 * makes one from PEM files: {@code openssl pkcs12 -export -in cert.pem -inkey key.pem -out
 * unravel.p12}). Senders such as GitHub's audit log streaming accept only HTTPS; a reverse proxy
 * is the other way. A keystore replaced in place is taken up within a minute or two, without a
 * restart, once it opens and holds a key.
 */
public final class Tls {

    /** How often the keystore file is looked at for a renewed certificate. */
    static final Duration RELOAD_CHECK = Duration.ofMinutes(1);

    private final Path keystore;
    private final String password;
    private final Duration reloadCheck;
    private final Consumer<String> told;

    private Tls(Path keystore, String password, Duration reloadCheck, Consumer<String> told) {
        this.keystore = keystore;
        this.password = password;
        this.reloadCheck = reloadCheck;
        this.told = told;
    }

    /**
     * This keystore, looked at every {@code every} (at least a second) for a renewed certificate
     * instead of every minute.
     */
    public Tls reloadCheckedEvery(Duration every) {
        return new Tls(keystore, password, every, told);
    }

    /** This keystore, telling {@code told} when a renewed certificate is taken up or cannot be. */
    public Tls telling(Consumer<String> told) {
        return new Tls(keystore, password, reloadCheck, told);
    }

    /** The keystore, opened once now so that a wrong password or file fails at start, with the reason. */
    public static Tls of(Path keystore, String password) {
        if (password == null) {
            throw new IllegalArgumentException("the keystore " + keystore + " needs its password: --tls-password-file "
                    + "FILE or UNRAVEL_TLS_PASSWORD");
        }
        if (!Files.isRegularFile(keystore)) {
            throw new IllegalArgumentException(keystore + ": no such file (a PKCS#12 keystore)");
        }
        check(keystore, password);
        return new Tls(keystore, password, RELOAD_CHECK, line -> {
        });
    }

    /**
     * Opens {@code keystore} as PKCS#12 with {@code password} and checks that it holds a key.
     *
     * @throws IllegalArgumentException saying why it cannot be used
     */
    static void check(Path keystore, String password) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            boolean key = false;
            for (String alias : Collections.list(ks.aliases())) {
                key |= ks.isKeyEntry(alias);
            }
            if (!key) {
                throw new IllegalArgumentException(keystore + " holds no private key: the console needs its key and "
                        + "certificate (openssl pkcs12 -export -in cert.pem -inkey key.pem -out " + keystore.getFileName()
                        + ")");
            }
        } catch (IOException | GeneralSecurityException e) {
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password") ? "wrong password" : e.getMessage();
            throw new IllegalArgumentException("cannot open the keystore " + keystore + " as PKCS#12: " + why);
        }
    }

    /** A TLS connector on {@code host:port}, TLS 1.2 and 1.3 only. */
    Connector connector(Server server, HttpConfiguration http, String host, int port) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStorePassword(password);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        https.addCustomizer(new SecureRequestCustomizer());
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(https));
        server.addBean(new Renewals(ssl));
        c.setHost(host);
        c.setPort(port);
        return c;
    }

    /**
     * Takes up a certificate renewed in place (certbot's deploy hook writing a new PKCS#12) without
     * a restart: the file is looked at every {@link #reloadCheck}; once it has changed and then
     * stayed the same for one look (so that a half-written file is not read), it is opened and
     * checked as at start, and only a keystore that opens and holds a key replaces the one in use.
     * Jetty's own KeyStoreScanner reloads whatever is there, and a broken file then stopped every
     * handshake (TlsTest). Runs with the server, on a thread of its own.
     */
    private final class Renewals extends AbstractLifeCycle {
        private final SslContextFactory.Server ssl;
        private ScheduledExecutorService looking;
        private String inUse;
        private String lastSeen;

        Renewals(SslContextFactory.Server ssl) {
            this.ssl = ssl;
        }

        @Override
        protected void doStart() {
            inUse = stamp();
            lastSeen = inUse;
            looking = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "unravel-tls-renewals");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, reloadCheck.toMillis());
            looking.scheduleWithFixedDelay(this::look, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        protected void doStop() {
            looking.shutdownNow();
        }

        /** The file's modification time and size, or null while it is missing (being replaced). */
        private String stamp() {
            try {
                return Files.getLastModifiedTime(keystore).toMillis() + ":" + Files.size(keystore);
            } catch (IOException e) {
                return null;
            }
        }

        private void look() {
            String now = stamp();
            if (now == null || now.equals(inUse)) {
                return;
            }
            if (!now.equals(lastSeen)) {
                lastSeen = now; // changed since the last look: wait until it stays the same
                return;
            }
            inUse = now; // taken up, or found unusable: either way not tried again until it changes
            try {
                check(keystore, password);
                ssl.reload(factory -> {
                });
                told.accept("Took up the renewed certificate in " + keystore + ".");
            } catch (IllegalArgumentException e) {
                told.accept(keystore + " changed but cannot be used, so the certificate in use is kept: "
                        + e.getMessage());
            } catch (Exception e) {
                told.accept("Reloading " + keystore + " failed, so the certificate in use is kept: " + e);
            }
        }
    }
}
