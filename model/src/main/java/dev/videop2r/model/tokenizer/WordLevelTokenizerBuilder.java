package dev.videop2r.model.tokenizer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videop2r.model.io.ModelJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a word-level HuggingFace {@code tokenizer.json} for a closed vocabulary (the synthetic world), so the
 * quickstart checkpoint is a real HF-layout Qwen2.5-VL model that {@code AutoTokenizer} and DJL both load.
 *
 * <p>Layout: id 0 is {@code <unk>}; then the words (sorted, so the file is reproducible); then the 22 Qwen
 * special tokens in Qwen's own order (endoftext, im_start, im_end, object_ref..., vision_start, vision_end,
 * vision_pad, image_pad, video_pad, tool_call..., file_sep), i.e. at the same offsets from the end of the
 * regular vocabulary as 151643..151664 in Qwen's tokenizer. The template tags ({@code <observation>},
 * {@code <think>}, {@code <answer>} and their closings) are single, non-special added tokens.
 *
 * <p>Pre-tokenization keeps every character: a word (letters) or a single digit or a single punctuation mark,
 * each with an optional leading space, or one whitespace character. The decoder ({@code Fuse}) concatenates
 * tokens, so decode(encode(text)) == text whenever every piece is in the vocabulary.
 */
public final class WordLevelTokenizerBuilder {

  /** Qwen's special tokens 151643..151664, in id order. */
  public static final List<String> QWEN_SPECIAL_TOKENS = List.of(
      "<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|object_ref_end|>",
      "<|box_start|>", "<|box_end|>", "<|quad_start|>", "<|quad_end|>", "<|vision_start|>", "<|vision_end|>",
      "<|vision_pad|>", "<|image_pad|>", "<|video_pad|>", "<tool_call>", "</tool_call>", "<|fim_prefix|>",
      "<|fim_middle|>", "<|fim_suffix|>", "<|fim_pad|>", "<|repo_name|>", "<|file_sep|>");

  /** The ones Qwen marks special (skipped by decode with skipSpecialTokens); the rest are plain added tokens. */
  private static final int QWEN_SPECIAL_COUNT = 14;

  /** The process-aware template tags: one token each. */
  public static final List<String> TEMPLATE_TAGS = List.of(
      "<observation>", "</observation>", "<think>", "</think>", "<answer>", "</answer>");

  public static final String UNKNOWN = "<unk>";

  /** Same pattern as the pre-tokenizer written into the file (Rust regex and java.util.regex agree on it). */
  static final String PIECE_REGEX = " ?\\p{L}+| ?\\p{N}| ?[^\\s\\p{L}\\p{N}]|\\s";
  private static final Pattern PIECE = Pattern.compile(PIECE_REGEX);
  private static final Pattern TAG = Pattern.compile(String.join("|",
      TEMPLATE_TAGS.stream().map(Pattern::quote).toList()) + "|" + String.join("|",
      QWEN_SPECIAL_TOKENS.stream().map(Pattern::quote).toList()));

  private final TreeSet<String> pieces = new TreeSet<>();

  public WordLevelTokenizerBuilder() {
    // Every digit and the space/newline pieces, so numbers and layout are always representable.
    for (char d = '0'; d <= '9'; d++) {
      pieces.add(String.valueOf(d));
      pieces.add(" " + d);
    }
    pieces.add(" ");
    pieces.add("\n");
    // The chat template's own words, so every prompt it builds is in the vocabulary.
    ChatTemplate.ROLES.forEach(this::addText);
    addText(ChatTemplate.DEFAULT_SYSTEM_PROMPT);
  }

  /** Adds every piece of {@code text} (template tags and Qwen special tokens are recognised, not split). */
  public WordLevelTokenizerBuilder addText(String text) {
    for (String part : TAG.split(text)) {
      Matcher m = PIECE.matcher(part);
      while (m.find()) {
        pieces.add(m.group());
      }
    }
    return this;
  }

  public WordLevelTokenizerBuilder addTexts(Collection<String> texts) {
    texts.forEach(this::addText);
    return this;
  }

  /** The vocabulary as it will be written: token -> id, regular pieces then tags then Qwen specials. */
  public Map<String, Integer> vocabulary() {
    Map<String, Integer> vocab = new LinkedHashMap<>();
    vocab.put(UNKNOWN, 0);
    for (String piece : pieces) {
      vocab.put(piece, vocab.size());
    }
    for (String tag : TEMPLATE_TAGS) {
      vocab.put(tag, vocab.size());
    }
    for (String special : QWEN_SPECIAL_TOKENS) {
      vocab.put(special, vocab.size());
    }
    return vocab;
  }

  /**
   * The token-id keys of a Qwen2.5-VL config.json for a written vocabulary ({@code bos_token_id},
   * {@code eos_token_id}, {@code vision_start_token_id}, {@code vision_end_token_id}, {@code vision_token_id},
   * {@code image_token_id}, {@code video_token_id}), so a random checkpoint and its tokenizer agree.
   */
  public static Map<String, Integer> configTokenIds(Map<String, Integer> vocab) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    ids.put("bos_token_id", vocab.get(SpecialTokens.ENDOFTEXT));
    ids.put("eos_token_id", vocab.get(SpecialTokens.IM_END));
    ids.put("vision_start_token_id", vocab.get(SpecialTokens.VISION_START));
    ids.put("vision_end_token_id", vocab.get(SpecialTokens.VISION_END));
    ids.put("vision_token_id", vocab.get("<|vision_pad|>"));
    ids.put("image_token_id", vocab.get(SpecialTokens.IMAGE_PAD));
    ids.put("video_token_id", vocab.get(SpecialTokens.VIDEO_PAD));
    return ids;
  }

  /** Writes tokenizer.json atomically (temp file + move) and returns the vocabulary written. */
  public Map<String, Integer> write(Path file) {
    Map<String, Integer> vocab = vocabulary();
    ObjectNode root = ModelJson.MAPPER.createObjectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    List<String> addedTokens = new ArrayList<>(TEMPLATE_TAGS);
    addedTokens.addAll(QWEN_SPECIAL_TOKENS);
    addedTokens.add(0, UNKNOWN);
    for (String token : addedTokens) {
      ObjectNode t = added.addObject();
      t.put("id", vocab.get(token));
      t.put("content", token);
      t.put("single_word", false);
      t.put("lstrip", false);
      t.put("rstrip", false);
      t.put("normalized", false);
      int q = QWEN_SPECIAL_TOKENS.indexOf(token);
      t.put("special", token.equals(UNKNOWN) || (q >= 0 && q < QWEN_SPECIAL_COUNT));
    }
    root.putNull("normalizer");
    ObjectNode pre = root.putObject("pre_tokenizer");
    pre.put("type", "Split");
    pre.putObject("pattern").put("Regex", PIECE_REGEX);
    pre.put("behavior", "Isolated");
    pre.put("invert", false);
    root.putNull("post_processor");
    root.putObject("decoder").put("type", "Fuse");
    ObjectNode model = root.putObject("model");
    model.put("type", "WordLevel");
    ObjectNode vocabNode = model.putObject("vocab");
    vocab.forEach(vocabNode::put);
    model.put("unk_token", UNKNOWN);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".tokenizer", ".json.tmp");
      try {
        ModelJson.PRETTY.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tokenizer file " + file + ": " + e.getMessage(), e);
    }
    return vocab;
  }
}
