package dev.videop2r.model.tokenizer;

/**
 * Text to token ids and back, with character offsets so that spans of a template (observation, think,
 * answer) can be mapped onto token spans.
 *
 * <p>{@link #encode} never adds special tokens on its own (no BOS/EOS), but special-token strings that
 * appear in the text (for example {@code <|im_start|>}) are recognised as single tokens, as in
 * HF {@code tokenizer(text, add_special_tokens=False)}.
 */
public interface TextTokenizer extends AutoCloseable {

  /** Encodes {@code text}; offsets are Java {@code char} (UTF-16) indices into {@code text}. */
  TokenEncoding encode(String text);

  /** Token ids of {@code text}; same ids as {@code encode(text).ids()}. */
  default long[] encodeIds(String text) {
    return encode(text).ids();
  }

  /** Decodes ids to text; {@code skipSpecialTokens} drops special tokens such as {@code <|im_end|>}. */
  String decode(long[] ids, boolean skipSpecialTokens);

  /** The id of a single token string (regular or special); throws if the vocabulary lacks it. */
  long tokenId(String token);

  /** Ids of the Qwen special tokens the chat template and generation need. */
  SpecialTokens specialTokens();

  /** Number of entries in the tokenizer's vocabulary, special tokens included. */
  int vocabSize();

  @Override
  void close();
}
