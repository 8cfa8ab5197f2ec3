package dev.videop2r.data;

import java.nio.file.Path;

/**
 * One record read from a dataset: either a sample or the reason it could not be read.
 *
 * @param number 1-based position across all input files (the pipeline's sample index)
 * @param file the file it came from
 * @param numberInFile 1-based position inside that file
 * @param sample the parsed sample, or null when {@code error} is set
 * @param error why the record is malformed, or null
 */
public record DatasetRecord(long number, Path file, long numberInFile, Sample sample, String error) {

  public boolean ok() {
    return error == null;
  }

  /** A description for error messages: {@code record 12 (file.json #12)}. */
  public String where() {
    return "record " + number + " (" + file.getFileName() + " #" + numberInFile + ")";
  }
}
