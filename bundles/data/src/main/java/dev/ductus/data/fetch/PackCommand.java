package dev.ductus.data.fetch;

import java.io.IOException;
import java.nio.file.Path;

/** Gets a package's tarball into a folder ({@code npm pack NAME@VERSION}) and returns the file it wrote. */
@FunctionalInterface
public interface PackCommand {
    Path pack(NpmPackage pkg, Path destination) throws IOException;
}
