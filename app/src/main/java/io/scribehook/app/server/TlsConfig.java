package io.scribehook.app.server;

import io.scribehook.core.config.ConfigException;
import io.scribehook.core.config.ConfigKey;
import io.scribehook.core.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The optional TLS listener: {@code SCRIBEHOOK_TLS_CERT} (PEM certificate chain, leaf first) and
 * {@code SCRIBEHOOK_TLS_KEY} (PEM private key: PKCS#8, PKCS#1 or SEC1 EC). When both are set the
 * server's one listener, on {@code SCRIBEHOOK_HTTP_PORT}, speaks HTTPS instead of HTTP. Both are
 * read and checked at start-up (before anything is created): one without the other, an unreadable
 * file, a file that is not such PEM, or a key that is not the certificate's stop the start with a
 * {@link ConfigException} naming the key.
 */
public record TlsConfig(Optional<Material> material) {
    /** The certificate chain and its private key, read and matched. */
    public record Material(List<X509Certificate> chain, PrivateKey key) {
        /** A server-side TLS context presenting the chain. */
        public SSLContext serverContext() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                char[] none = new char[0];
                ks.setKeyEntry("scribehook", key, none, chain.toArray(X509Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, none);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(kmf.getKeyManagers(), null, null);
                return ctx;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
            }
        }

        /**
         * A client-side context trusting this chain's certificates besides nothing else: for the
         * CLI calling its own server, whose certificate may be self-signed.
         */
        public SSLContext trustingContext() {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                for (int i = 0; i < chain.size(); i++) {
                    ks.setCertificateEntry("c" + i, chain.get(i));
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                return ctx;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build the TLS context: " + e.getMessage(), e);
            }
        }
    }

    public static TlsConfig off() {
        return new TlsConfig(Optional.empty());
    }

    public boolean enabled() {
        return material.isPresent();
    }

    /** @throws ConfigException naming the key at fault */
    public static TlsConfig from(ConfigSource c) {
        Optional<String> cert = c.raw(ConfigKey.TLS_CERT).filter(s -> !s.isBlank());
        Optional<String> key = c.raw(ConfigKey.TLS_KEY).filter(s -> !s.isBlank());
        if (cert.isEmpty() && key.isEmpty()) {
            return off();
        }
        if (cert.isEmpty()) {
            throw new ConfigException(
                    ConfigKey.TLS_CERT.key(),
                    "",
                    "required with " + ConfigKey.TLS_KEY.key() + "; give the PEM certificate chain file");
        }
        if (key.isEmpty()) {
            throw new ConfigException(
                    ConfigKey.TLS_KEY.key(),
                    "",
                    "required with " + ConfigKey.TLS_CERT.key() + "; give the PEM private key file");
        }
        List<X509Certificate> chain;
        try {
            chain = PemKeys.certificates(read(ConfigKey.TLS_CERT, cert.get()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKey.TLS_CERT.key(), cert.get(), e.getMessage());
        }
        PrivateKey pk;
        try {
            pk = PemKeys.privateKey(read(ConfigKey.TLS_KEY, key.get()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKey.TLS_KEY.key(), key.get(), e.getMessage());
        }
        if (!PemKeys.matches(pk, chain.get(0))) {
            throw new ConfigException(
                    ConfigKey.TLS_KEY.key(),
                    key.get(),
                    "is not the private key of the first certificate in " + ConfigKey.TLS_CERT.key() + " ("
                            + chain.get(0).getSubjectX500Principal().getName() + ")");
        }
        return new TlsConfig(Optional.of(new Material(chain, pk)));
    }

    private static byte[] read(ConfigKey key, String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(
                    key.key(),
                    file,
                    "cannot be read (" + e.getClass().getSimpleName() + "); expected a readable PEM file");
        }
    }
}
