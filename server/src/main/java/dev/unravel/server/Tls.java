package dev.unravel.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS for the console, from a PKCS#12 keystore holding its key and certificate chain (openssl
 * makes one from PEM files: {@code openssl pkcs12 -export -in cert.pem -inkey key.pem -out
 * unravel.p12}). Senders such as GitHub's audit log streaming accept only HTTPS; a reverse proxy
 * is the other way.
 */
public final class Tls {

    private final Path keystore;
    private final String password;

    private Tls(Path keystore, String password) {
        this.keystore = keystore;
        this.password = password;
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
        return new Tls(keystore, password);
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
        c.setHost(host);
        c.setPort(port);
        return c;
    }
}
