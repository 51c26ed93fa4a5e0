package dev.trackline.client;

import java.util.Objects;

/**
 * One entry of a run's artifacts, as {@link TracklineClient#listArtifacts(String, String)} returns
 * it: the path relative to the run's artifact root, whether it is a directory, and the size in
 * bytes of a file (null for a directory).
 */
public final class FileInfo {
  private final String path;
  private final boolean isDir;
  private final Long fileSize;

  public FileInfo(String path, boolean isDir, Long fileSize) {
    this.path = path;
    this.isDir = isDir;
    this.fileSize = isDir ? null : fileSize;
  }

  /** The path relative to the run's artifact root, with {@code /} separators. */
  public String getPath() {
    return path;
  }

  /** Whether this entry is a directory. */
  public boolean isDir() {
    return isDir;
  }

  /** The file's size in bytes; null for a directory. */
  public Long getFileSize() {
    return fileSize;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FileInfo)) {
      return false;
    }
    FileInfo other = (FileInfo) o;
    return path.equals(other.path) && isDir == other.isDir && Objects.equals(fileSize, other.fileSize);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, isDir, fileSize);
  }

  @Override
  public String toString() {
    return isDir ? path + "/" : path + " (" + fileSize + " bytes)";
  }
}
