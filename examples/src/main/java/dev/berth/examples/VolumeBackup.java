package dev.berth.examples;

import dev.berth.ContainerQuery;
import dev.berth.Containers;
import dev.berth.Docker;
import dev.berth.RemoveOptions;
import dev.berth.VolumeRemoveOptions;
import dev.berth.model.ContainerSpec;
import dev.berth.model.ProcessResult;
import dev.berth.model.VolumeSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

/**
 * Backs up a named volume to a local tar file and restores it into a new volume, through the archive API
 * ({@code docker cp}) of a helper container that mounts the volume and is never started:
 * {@code files().read(helper, "/data/.")} streams the volume's contents as a tar to the file, and
 * {@code files().write(helper, "/data", tar)} unpacks the file into the new volume. A listing of both volumes
 * (modes, owners, sizes, checksums) proves the copy.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.berth.examples.VolumeBackup -Dexec.args="IMAGE 20"
 * }</pre>
 *
 * Arguments: an image with busybox (default {@code BERTH_TEST_IMAGE}, else {@code busybox}), how many files the
 * sample volume gets (default 20). The volumes and containers carry {@code dev.berth.example=volume-backup}; both
 * volumes and the tar are removed at the end.
 */
public final class VolumeBackup {
    private VolumeBackup() {
    }

    /**
     * Runs the backup and the restore.
     *
     * @param args an image, a number of files (both optional)
     */
    public static void main(String[] args) throws Exception {
        String image = args.length > 0 ? args[0] : System.getenv().getOrDefault("BERTH_TEST_IMAGE", "busybox");
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = Map.of("dev.berth.example", "volume-backup", "dev.berth.example.run", run);
        String source = "volume-backup-" + run;
        String restored = "volume-restored-" + run;
        Path tar = Files.createTempFile("volume-backup-", ".tar");
        try (Docker docker = Docker.connect()) {
            Containers c = docker.containers();
            try {
                docker.volumes().create(VolumeSpec.named(source).labels(labels));
                c.runAndWait(ContainerSpec.builder(image).labels(labels).autoRemove().namedVolume(source, "/data")
                        .cmd("sh", "-c", "cd /data && mkdir -p logs private && echo hello > greeting.txt"
                                + " && ln -s greeting.txt link && chmod 700 private && chown 65534 private"
                                + " && for i in $(seq 1 " + files + "); do seq 1 $((i * 100)) > logs/part-$i.log; done")
                        .build());
                System.out.println("volume   " + source + " filled with " + (files + 1) + " files, a link, 2 folders");

                String reader = c.create(ContainerSpec.builder(image).labels(labels).namedVolume(source, "/data")
                        .build());                                   // never started: cp works on stopped containers
                try (InputStream in = docker.files().read(reader, "/data/.")) {   // "/." : the contents, not the folder
                    Files.copy(in, tar, StandardCopyOption.REPLACE_EXISTING);
                }
                System.out.println("backup   " + source + " -> " + tar + " (" + Files.size(tar) + " bytes)");

                docker.volumes().create(VolumeSpec.named(restored).labels(labels));
                String writer = c.create(ContainerSpec.builder(image).labels(labels).namedVolume(restored, "/data")
                        .build());
                try (InputStream in = Files.newInputStream(tar)) {
                    docker.files().write(writer, "/data", in);
                }
                System.out.println("restore  " + tar.getFileName() + " -> " + restored);

                String before = listing(c, image, labels, source);
                String after = listing(c, image, labels, restored);
                if (!before.equals(after)) {
                    throw new IllegalStateException("the restored volume differs:\n" + before + "---\n" + after);
                }
                System.out.println("restored and verified: " + after.lines().count() + " entries of " + restored
                        + " match " + source + " (type, mode, owner, md5)");
            } finally {
                c.ids(ContainerQuery.all().label("dev.berth.example.run=" + run))
                        .forEach(id -> c.remove(id, RemoveOptions.force()));
                docker.volumes().remove(source, VolumeRemoveOptions.force());
                docker.volumes().remove(restored, VolumeRemoveOptions.force());
                Files.deleteIfExists(tar);
                System.out.println("cleanup  removed both volumes, the helpers and the tar");
            }
        }
    }

    /** Every entry of the volume with its type, mode and owner, and every file's checksum. */
    private static String listing(Containers c, String image, Map<String, String> labels, String volume) {
        ProcessResult r = c.runAndWait(ContainerSpec.builder(image).labels(labels).autoRemove()
                .namedVolume(volume, "/data").cmd("sh", "-c", "cd /data"
                        + " && find . | sort | xargs stat -c '%F %a %u:%g %n' && find . -type f | sort | xargs md5sum")
                .build());
        if (r.exitCode() != 0) {
            throw new IllegalStateException("listing " + volume + " failed: " + r.stderr());
        }
        return r.stdout();
    }
}
