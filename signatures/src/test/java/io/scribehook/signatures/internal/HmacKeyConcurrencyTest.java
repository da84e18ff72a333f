package io.scribehook.signatures.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.scribehook.signatures.digest.DigestAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Recycled Macs and digests give every caller its own result, from many virtual threads at once. */
class HmacKeyConcurrencyTest {
    @Test
    void manyVirtualThreadsGetTheirOwnMacsAndDigests() throws Exception {
        byte[] secret = "whsec_concurrency".getBytes(StandardCharsets.UTF_8);
        HmacKey key = new HmacKey(secret);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 2000; i++) {
                byte[] data = ("payload-" + i + "-" + "x".repeat(i % 97)).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    boolean mac = MessageDigest.isEqual(key.mac(data), HmacKey.hmacSha256(secret, data))
                            && MessageDigest.isEqual(
                                    key.mac(data, data.length - 1),
                                    HmacKey.hmacSha256(secret, java.util.Arrays.copyOf(data, data.length - 1)));
                    boolean digest = MessageDigest.isEqual(
                            DigestAlgorithm.SHA_256.digest(data),
                            MessageDigest.getInstance("SHA-256").digest(data));
                    return mac && digest;
                }));
            }
        }
        for (Future<Boolean> f : results) {
            assertThat(f.get()).isTrue();
        }
    }
}
