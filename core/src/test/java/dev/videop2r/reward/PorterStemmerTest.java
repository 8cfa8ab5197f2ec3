package dev.videop2r.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Outputs of NLTK's PorterStemmer() (NLTK_EXTENSIONS), including the examples of Porter's paper. */
class PorterStemmerTest {

  @ParameterizedTest
  @CsvSource({
      "caresses, caress", "ponies, poni", "ties, tie", "caress, caress", "cats, cat",
      "feed, feed", "agreed, agre", "plastered, plaster", "bled, bled", "motoring, motor", "sing, sing",
      "conflated, conflat", "troubled, troubl", "sized, size", "hopping, hop", "tanned, tan", "falling, fall",
      "hissing, hiss", "fizzed, fizz", "failing, fail", "filing, file", "happy, happi", "sky, sky",
      "relational, relat", "conditional, condit", "rational, ration", "valenci, valenc", "digitizer, digit",
      "conformabli, conform", "radicalli, radic", "differentli, differ", "vileli, vile", "analogousli, analog",
      "vietnamization, vietnam", "predication, predic", "operator, oper", "feudalism, feudal",
      "decisiveness, decis", "hopefulness, hope", "callousness, callous", "formaliti, formal",
      "sensitiviti, sensit", "sensibiliti, sensibl", "triplicate, triplic", "formative, form",
      "formalize, formal", "electriciti, electr", "electrical, electr", "hopeful, hope", "goodness, good",
      "revival, reviv", "allowance, allow", "inference, infer", "airliner, airlin", "gyroscopic, gyroscop",
      "adjustable, adjust", "defensible, defens", "irritant, irrit", "replacement, replac",
      "adjustment, adjust", "dependent, depend", "adoption, adopt", "homologou, homolog",
      "communism, commun", "activate, activ", "angulariti, angular", "homologous, homolog",
      "effective, effect", "bowdlerize, bowdler", "probate, probat", "rate, rate", "cease, ceas",
      "controll, control", "roll, roll",
      // NLTK extensions
      "dying, die", "lying, lie", "skies, sky", "flies, fli", "dies, die", "spied, spi", "died, die",
      "enjoy, enjoy", "news, news", "innings, inning", "proceed, proceed", "running, run",
      "generously, gener", "happiness, happi", "generalization, gener", "controlling, control",
      "geology, geolog", "hopefully, hope", "is, is", "a, a"})
  void stemsLikeNltk(String word, String stem) {
    assertEquals(stem, PorterStemmer.stem(word));
  }
}
