package dev.videop2r.model.tokenizer;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A HuggingFace {@code tokenizer.json} run by the Rust tokenizers library through DJL (native library shipped
 * in the {@code ai.djl.huggingface:tokenizers} jar, so it works offline). Works for Qwen's byte-level BPE and
 * for the word-level tokenizers {@link WordLevelTokenizerBuilder} writes.
 */
public final class HfTextTokenizer implements TextTokenizer {

  private final Path file;
  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Long> addedTokens;
  private final int vocabSize;
  private final SpecialTokens specialTokens;

  private HfTextTokenizer(Path file, HuggingFaceTokenizer tokenizer, Map<String, Long> addedTokens, int vocabSize) {
    this.file = file;
    this.tokenizer = tokenizer;
    this.addedTokens = addedTokens;
    this.vocabSize = vocabSize;
    this.specialTokens = SpecialTokens.lookup(this);
  }

  /**
   * Loads {@code tokenizer.json} from a file or from a model directory that holds one. Fails with a message
   * naming the file when it is missing, unreadable or lacks a Qwen special token.
   */
  public static HfTextTokenizer load(Path fileOrDir) {
    Path file = Files.isDirectory(fileOrDir) ? fileOrDir.resolve("tokenizer.json") : fileOrDir;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("tokenizer file not found: " + file);
    }
    VocabularyInfo info = VocabularyInfo.read(file);
    HuggingFaceTokenizer hf;
    try {
      // No truncation or padding: prompts are never cut (a cut would lose vision pads), batching pads itself.
      hf = HuggingFaceTokenizer.builder()
          .optTokenizerPath(file)
          .optAddSpecialTokens(false)
          .optTruncation(false)
          .optPadding(false)
          .build();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot load tokenizer " + file + ": " + e.getMessage(), e);
    }
    try {
      return new HfTextTokenizer(file, hf, info.addedTokens(), info.vocabSize());
    } catch (RuntimeException e) {
      hf.close();
      throw e;
    }
  }

  public Path file() {
    return file;
  }

  @Override
  public TokenEncoding encode(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    long[] ids = encoding.getIds();
    CharSpan[] spans = encoding.getCharTokenSpans();
    int[] start = new int[ids.length];
    int[] end = new int[ids.length];
    CodePointIndex index = CodePointIndex.of(text);
    for (int i = 0; i < ids.length; i++) {
      CharSpan span = spans[i];
      start[i] = span == null ? -1 : index.toCharIndex(span.getStart());
      end[i] = span == null ? -1 : index.toCharIndex(span.getEnd());
    }
    return new TokenEncoding(ids, start, end);
  }

  @Override
  public String decode(long[] ids, boolean skipSpecialTokens) {
    return tokenizer.decode(ids, skipSpecialTokens);
  }

  @Override
  public long tokenId(String token) {
    Long added = addedTokens.get(token);
    if (added != null) {
      return added;
    }
    long[] ids = tokenizer.encode(token, false, false).getIds();
    if (ids.length != 1) {
      throw new IllegalArgumentException(
          "tokenizer " + file + " has no single token for \"" + token + "\" (it encodes to " + ids.length + " tokens)");
    }
    return ids[0];
  }

  @Override
  public SpecialTokens specialTokens() {
    return specialTokens;
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  /**
   * The Rust library reports offsets in Unicode code points; Java strings index UTF-16 chars. The two differ
   * only after a supplementary character (an emoji, say), which this maps.
   */
  private record CodePointIndex(String text, boolean identity) {

    static CodePointIndex of(String text) {
      return new CodePointIndex(text, text.codePointCount(0, text.length()) == text.length());
    }

    int toCharIndex(int codePoint) {
      return identity ? codePoint : text.offsetByCodePoints(0, Math.min(codePoint, text.codePointCount(0, text.length())));
    }
  }

  /** Added (special) tokens and the vocabulary size, read from tokenizer.json with a streaming parser. */
  private record VocabularyInfo(Map<String, Long> addedTokens, int vocabSize) {

    static VocabularyInfo read(Path file) {
      Map<String, Long> added = new HashMap<>();
      long maxId = -1;
      try (JsonParser p = new JsonFactory().createParser(file.toFile())) {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new IllegalArgumentException("tokenizer file " + file + " is not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          if (field.equals("added_tokens")) {
            maxId = Math.max(maxId, readAddedTokens(p, added));
          } else if (field.equals("model")) {
            maxId = Math.max(maxId, readModelVocab(p));
          } else {
            p.skipChildren();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read tokenizer file " + file + ": " + e.getMessage(), e);
      }
      if (maxId < 0) {
        throw new IllegalArgumentException("tokenizer file " + file + " has no vocabulary");
      }
      return new VocabularyInfo(Map.copyOf(added), Math.toIntExact(maxId + 1));
    }

    private static long readAddedTokens(JsonParser p, Map<String, Long> added) throws IOException {
      long maxId = -1;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String content = null;
        long id = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          if (name.equals("id")) {
            id = p.getLongValue();
          } else if (name.equals("content")) {
            content = p.getText();
          } else {
            p.skipChildren();
          }
        }
        if (content != null && id >= 0) {
          added.put(content, id);
          maxId = Math.max(maxId, id);
        }
      }
      return maxId;
    }

    private static long readModelVocab(JsonParser p) throws IOException {
      long maxId = -1;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (name.equals("vocab") && value == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            p.nextToken();
            maxId = Math.max(maxId, p.getLongValue());
          }
        } else {
          p.skipChildren();
        }
      }
      return maxId;
    }
  }
}
