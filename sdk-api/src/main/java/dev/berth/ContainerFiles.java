package dev.berth;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.berth.errors.NotFoundException;
import dev.berth.errors.StreamException;
import dev.berth.errors.UnsafeArchiveException;
import dev.berth.model.PathStat;
import dev.berth.transport.ApiRequest;
import dev.berth.transport.ApiResponse;
import dev.berth.transport.Json;
import dev.berth.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * {@code docker cp}: files into and out of containers, as tar streams or between a local path and a container path.
 *
 * <pre>{@code
 * ContainerFiles files = docker.files();
 * files.copyIn(Path.of("site"), id, "/var/www");          // docker cp site ID:/var/www
 * files.copyOut(id, "/var/log/app.log", Path.of("logs"));  // docker cp ID:/var/log/app.log logs
 * PathStat s = files.stat(id, "/etc/hostname");
 * }</pre>
 */
public final class ContainerFiles {
    private static final ObjectReader PATH_STAT = Json.reader().forType(PathStat.class);

    private final Transport transport;

    ContainerFiles(Transport transport) {
        this.transport = transport;
    }

    /**
     * What the daemon says of {@code path} in the container: name, size, mode, modification time, link target.
     *
     * @param container the container's id or name
     * @param path an absolute path in the container
     * @return the path's name, size, mode, modification time and link target
     * @throws NotFoundException naming the container and path when either does not exist
     */
    public PathStat stat(String container, String path) {
        try (ApiResponse r = transport.send(ApiRequest.head("/containers/{id}/archive", container)
                .query("path", path).build())) {
            return decode(r, container, path);
        } catch (NotFoundException e) {
            throw new NotFoundException("no such container or path: " + container + ":" + path, e.request());
        }
    }

    /**
     * {@code path} as a tar stream (entries rooted at its base name; a path ending in {@code /.} gives the contents
     * only), as {@code docker cp CONTAINER:PATH -} writes it. Close it when done.
     *
     * @param container the container's id or name
     * @param path an absolute path in the container
     * @return the tar stream; close it when done
     * @throws NotFoundException when the container or the path does not exist
     */
    public InputStream read(String container, String path) {
        return transport.send(ApiRequest.get("/containers/{id}/archive", container).query("path", path)
                .streaming().build()).body();
    }

    /**
     * Extracts a tar (plain, gzip, bzip2 or xz, read as it is sent) into the existing directory {@code dir}, as
     * {@code docker cp - CONTAINER:DIR} does: no directory is replaced by a file nor a file by a directory.
     *
     * @param container the container's id or name
     * @param dir an absolute path of a directory in the container
     * @param tar the archive, sent as it is read; not closed
     * @throws dev.berth.errors.BadRequestException when {@code dir} is not a directory, or the tar would replace a
     *     directory by a file or the reverse
     * @throws NotFoundException when the container or {@code dir} does not exist
     */
    public void write(String container, String dir, InputStream tar) {
        write(container, dir, tar, CopyOptions.defaults());
    }

    /**
     * Extracts a tar (plain, gzip, bzip2 or xz, read as it is sent) into the existing directory {@code dir}, as
     * {@code options} say.
     *
     * @param container the container's id or name
     * @param dir an absolute path of a directory in the container
     * @param tar the archive, sent as it is read; not closed
     * @param options whether a file may replace a directory and the reverse, and whose uid and gid the files get
     * @throws dev.berth.errors.BadRequestException when {@code dir} is not a directory, or the tar would replace a
     *     directory by a file or the reverse and {@code options} do not allow it
     * @throws NotFoundException when the container or {@code dir} does not exist
     */
    public void write(String container, String dir, InputStream tar, CopyOptions options) {
        put(container, dir, options, out -> tar.transferTo(out));
    }

    /**
     * {@code docker cp LOCAL CONTAINER:DIR}: a local file or folder goes into {@code dir} under its own name; no
     * directory is replaced by a file nor a file by a directory.
     *
     * @param local the local file or folder
     * @param container the container's id or name
     * @param dir an absolute path of a directory in the container
     * @throws NotFoundException when the container or {@code dir} does not exist
     * @throws UncheckedIOException when {@code local} does not exist
     */
    public void copyIn(Path local, String container, String dir) {
        copyIn(local, container, dir, CopyOptions.defaults());
    }

    /**
     * {@code docker cp [-a] LOCAL CONTAINER:DIR}: a local file or folder goes into {@code dir} under its own name,
     * as {@code options} say.
     *
     * @param local the local file or folder
     * @param container the container's id or name
     * @param dir an absolute path of a directory in the container
     * @param options whether a file may replace a directory and the reverse, and whose uid and gid the files get
     * @throws NotFoundException when the container or {@code dir} does not exist
     * @throws UncheckedIOException when {@code local} does not exist
     */
    public void copyIn(Path local, String container, String dir, CopyOptions options) {
        // Checked here: once the body is being sent, a missing file would look like a failure to reach the daemon.
        if (!Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
            throw new UncheckedIOException(new NoSuchFileException(local.toString()));
        }
        put(container, dir, options, out -> TarArchives.writePath(local, out));
    }

    private void put(String container, String dir, CopyOptions options, ApiRequest.BodyWriter tar) {
        // As moby's client: each parameter only when it asks for something other than the daemon's default.
        transport.send(ApiRequest.put("/containers/{id}/archive", container).query("path", dir)
                .query("noOverwriteDirNonDir", options.overwriteDirNonDir ? null : true)
                .query("copyUIDGID", options.copyUidGid ? true : null)
                .body("application/x-tar", tar).build()).discard();
    }

    /**
     * {@code docker cp CONTAINER:PATH LOCALDIR}: the file or folder lands in {@code localDir} under its own name,
     * extracted safely ({@link TarArchives#extract(InputStream, Path)}) and without limits on size or entry count.
     *
     * @param container the container's id or name
     * @param path an absolute path in the container
     * @param localDir an existing local directory
     * @throws UnsafeArchiveException when the container's archive holds an entry that would land, or a link that
     *     would lead, outside {@code localDir} (nothing unsafe is left behind)
     * @throws java.io.UncheckedIOException when reading the archive or writing a file fails
     */
    public void copyOut(String container, String path, Path localDir) {
        copyOut(container, path, localDir, ExtractOptions.defaults());
    }

    /**
     * {@code docker cp CONTAINER:PATH LOCALDIR} within the limits in {@code options}: a copy that would go over one
     * fails, before the entry that goes over is written, with an {@link UnsafeArchiveException}.
     *
     * <pre>{@code
     * files.copyOut(id, "/var/lib/data", Path.of("backup"), ExtractOptions.defaults().withMaxTotalBytes(10L << 30));
     * }</pre>
     *
     * @param container the container's id or name
     * @param path an absolute path in the container
     * @param localDir an existing local directory
     * @param options the limits and the mode mask
     */
    public void copyOut(String container, String path, Path localDir, ExtractOptions options) {
        try (InputStream tar = read(container, path)) {
            Files.createDirectories(localDir);
            TarArchives.extract(tar, localDir, options);
        } catch (IOException e) {
            throw new UncheckedIOException("copying " + container + ":" + path + " to " + localDir, e);
        }
    }

    private static PathStat decode(ApiResponse r, String container, String path) {
        String header = r.header("X-Docker-Container-Path-Stat");
        if (header == null) {
            throw new StreamException("no path stat for " + container + ":" + path, r.request());
        }
        try {
            return PATH_STAT.readValue(new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new StreamException("malformed path stat for " + container + ":" + path, r.request());
        }
    }
}
