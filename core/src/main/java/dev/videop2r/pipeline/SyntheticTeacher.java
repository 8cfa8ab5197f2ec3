package dev.videop2r.pipeline;

import dev.videop2r.data.ProblemType;
import dev.videop2r.data.Sample;
import dev.videop2r.reward.AnswerExtractor;
import dev.videop2r.spec.InvalidFieldException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The embedded teacher for the synthetic world (TEAM contract 1): observation from the record's {@code facts},
 * think from its {@code rationale}, answer from its {@code solution}, with seeded {@link ErrorInjection}.
 * It reads no frames and its output depends only on the sample and the seed, so reruns are identical.
 */
public final class SyntheticTeacher implements Teacher {

  /** What the teacher did to a sample; exposed so tests can check each filter catches its mistake. */
  public enum Mistake {
    NONE,
    OMIT_FACT,
    WRONG_ANSWER,
    BROKEN_TEMPLATE
  }

  private final ErrorInjection errors;

  public SyntheticTeacher(ErrorInjection errors) {
    this.errors = errors;
  }

  @Override
  public String id() {
    return "synthetic";
  }

  @Override
  public boolean needsFrames() {
    return false;
  }

  @Override
  public String respond(TeacherInput input) {
    Sample s = input.sample();
    if (s.facts().isEmpty() || s.rationale() == null) {
      throw new InvalidFieldException("teacher.url", "sample " + s.problemId() + " has no facts/rationale; the"
          + " synthetic teacher only works on the synthetic world: give a remote teacher's URL for real data");
    }
    SplittableRandom rng = rngFor(s);
    Mistake mistake = mistakeFor(s, rng);
    List<String> facts = new ArrayList<>(s.facts());
    if (mistake == Mistake.OMIT_FACT) {
      facts.remove(rng.nextInt(facts.size()));
    }
    String observation = String.join(" ", facts);
    String answer = mistake == Mistake.WRONG_ANSWER ? wrongAnswer(s, rng) : AnswerExtractor.groundTruth(s.solution());
    if (mistake == Mistake.BROKEN_TEMPLATE) {
      return brokenTemplate(observation, s.rationale(), answer, rng.nextInt(3));
    }
    return "<observation>" + observation + "</observation>\n<think>" + s.rationale() + "</think>\n<answer>"
        + answer + "</answer>";
  }

  /** The mistake this teacher makes on {@code s} (the same draw {@link #respond} uses). */
  public Mistake mistakeFor(Sample s) {
    return mistakeFor(s, rngFor(s));
  }

  private Mistake mistakeFor(Sample s, SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < errors.omitFact()) {
      return s.facts().size() >= 2 ? Mistake.OMIT_FACT : Mistake.NONE;
    }
    u -= errors.omitFact();
    if (u < errors.wrongAnswer()) {
      return Mistake.WRONG_ANSWER;
    }
    u -= errors.wrongAnswer();
    return u < errors.brokenTemplate() ? Mistake.BROKEN_TEMPLATE : Mistake.NONE;
  }

  private SplittableRandom rngFor(Sample s) {
    long h = errors.seed() * 0x9E3779B97F4A7C15L + s.problemId();
    h = h * 31 + s.problem().hashCode();
    return new SplittableRandom(h);
  }

  private static String brokenTemplate(String observation, String rationale, String answer, int variant) {
    return switch (variant) {
      // no closing think tag
      case 0 -> "<observation>" + observation + "</observation>\n<think>" + rationale + "\n<answer>" + answer
          + "</answer>";
      // reasoning before perception
      case 1 -> "<think>" + rationale + "</think>\n<observation>" + observation + "</observation>\n<answer>"
          + answer + "</answer>";
      // perception untagged
      default -> observation + "\n<think>" + rationale + "</think>\n<answer>" + answer + "</answer>";
    };
  }

  /** An answer that the type's task metric scores below the 0.6 threshold. */
  private static String wrongAnswer(Sample s, SplittableRandom rng) {
    String truth = AnswerExtractor.groundTruth(s.solution());
    ProblemType type = s.problemType();
    switch (type) {
      case MULTIPLE_CHOICE -> {
        List<String> letters = new ArrayList<>();
        for (String o : s.options()) {
          String letter = o.strip().isEmpty() ? "" : o.strip().substring(0, 1);
          if (!letter.equals(truth.strip())) {
            letters.add(letter);
          }
        }
        return letters.isEmpty() ? "Z" : letters.get(rng.nextInt(letters.size()));
      }
      case NUMERICAL, REGRESSION -> {
        try {
          BigDecimal v = new BigDecimal(truth.strip());
          BigDecimal wrong = type == ProblemType.NUMERICAL ? v.add(BigDecimal.ONE)
              : v.abs().multiply(BigDecimal.valueOf(3)).add(BigDecimal.TEN);
          return wrong.toPlainString();
        } catch (NumberFormatException e) {
          return "-1";
        }
      }
      default -> {
        return truth.equals("none") ? "unknown" : "none";
      }
    }
  }
}
