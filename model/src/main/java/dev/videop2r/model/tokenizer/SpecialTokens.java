package dev.videop2r.model.tokenizer;

import java.util.Arrays;

/**
 * Ids of the Qwen2.5-VL special tokens (published tokenizer: pad/endoftext 151643, im_start 151644,
 * im_end 151645, vision_start 151652, vision_end 151653, image_pad 151655, video_pad 151656;
 * generation stops on eos = {im_end, endoftext}).
 */
public record SpecialTokens(long pad, long imStart, long imEnd, long visionStart, long visionEnd,
                            long imagePad, long videoPad, long[] eos) {

  public static final String ENDOFTEXT = "<|endoftext|>";
  public static final String IM_START = "<|im_start|>";
  public static final String IM_END = "<|im_end|>";
  public static final String VISION_START = "<|vision_start|>";
  public static final String VISION_END = "<|vision_end|>";
  public static final String IMAGE_PAD = "<|image_pad|>";
  public static final String VIDEO_PAD = "<|video_pad|>";

  public SpecialTokens {
    eos = eos.clone();
  }

  /** Looks the special tokens up by their Qwen strings; eos = {im_end, endoftext} as in generation_config.json. */
  public static SpecialTokens lookup(TextTokenizer tokenizer) {
    long endOfText = tokenizer.tokenId(ENDOFTEXT);
    long imEnd = tokenizer.tokenId(IM_END);
    return new SpecialTokens(endOfText, tokenizer.tokenId(IM_START), imEnd,
        tokenizer.tokenId(VISION_START), tokenizer.tokenId(VISION_END),
        tokenizer.tokenId(IMAGE_PAD), tokenizer.tokenId(VIDEO_PAD), new long[] {imEnd, endOfText});
  }

  @Override
  public long[] eos() {
    return eos.clone();
  }

  public boolean isEos(long id) {
    for (long e : eos) {
      if (e == id) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpecialTokens s && pad == s.pad && imStart == s.imStart && imEnd == s.imEnd
        && visionStart == s.visionStart && visionEnd == s.visionEnd && imagePad == s.imagePad
        && videoPad == s.videoPad && Arrays.equals(eos, s.eos);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(pad) * 31 + Long.hashCode(imStart) * 17 + Long.hashCode(videoPad) + Arrays.hashCode(eos);
  }
}
