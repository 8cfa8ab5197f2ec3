package dev.videop2r.reward;

import java.util.Map;

/**
 * The Porter stemmer as NLTK's {@code PorterStemmer()} runs it by default (mode NLTK_EXTENSIONS), which is
 * what rouge_score uses: Porter (1980) plus Martin Porter's later changes and NLTK's own (an irregular-forms
 * table, 'ies'/'ied' on four-letter words, y→i only after a consonant, 'alli' retried through step 2, the
 * 'logi' and 'fulli' rules, words of one or two letters left alone). Input is expected in lower case.
 * Written from the published algorithm and NLTK's documented rules; immutable and thread-safe.
 */
public final class PorterStemmer {

  private static final Map<String, String> IRREGULAR = Map.ofEntries(
      Map.entry("sky", "sky"), Map.entry("skies", "sky"),
      Map.entry("dying", "die"), Map.entry("lying", "lie"), Map.entry("tying", "tie"),
      Map.entry("news", "news"),
      Map.entry("innings", "inning"), Map.entry("inning", "inning"),
      Map.entry("outings", "outing"), Map.entry("outing", "outing"),
      Map.entry("cannings", "canning"), Map.entry("canning", "canning"),
      Map.entry("howe", "howe"),
      Map.entry("proceed", "proceed"), Map.entry("exceed", "exceed"), Map.entry("succeed", "succeed"));

  /** A suffix rule: replace {@code suffix} by {@code replacement} when the stem satisfies the condition. */
  private record Rule(String suffix, String replacement, Condition condition) {}

  @FunctionalInterface
  private interface Condition {
    boolean test(String stem);
  }

  private static final Condition ANY = stem -> true;
  private static final Condition M_GT_0 = stem -> measure(stem) > 0;
  private static final Condition M_GT_1 = stem -> measure(stem) > 1;

  private static final Rule[] STEP1A = {
      new Rule("sses", "ss", ANY), new Rule("ies", "i", ANY), new Rule("ss", "ss", ANY), new Rule("s", "", ANY)};

  private static final Rule[] STEP3 = {
      new Rule("icate", "ic", M_GT_0), new Rule("ative", "", M_GT_0), new Rule("alize", "al", M_GT_0),
      new Rule("iciti", "ic", M_GT_0), new Rule("ical", "ic", M_GT_0), new Rule("ful", "", M_GT_0),
      new Rule("ness", "", M_GT_0)};

  private static final Rule[] STEP4 = {
      new Rule("al", "", M_GT_1), new Rule("ance", "", M_GT_1), new Rule("ence", "", M_GT_1),
      new Rule("er", "", M_GT_1), new Rule("ic", "", M_GT_1), new Rule("able", "", M_GT_1),
      new Rule("ible", "", M_GT_1), new Rule("ant", "", M_GT_1), new Rule("ement", "", M_GT_1),
      new Rule("ment", "", M_GT_1), new Rule("ent", "", M_GT_1),
      new Rule("ion", "", stem -> measure(stem) > 1 && (stem.endsWith("s") || stem.endsWith("t"))),
      new Rule("ou", "", M_GT_1), new Rule("ism", "", M_GT_1), new Rule("ate", "", M_GT_1),
      new Rule("iti", "", M_GT_1), new Rule("ous", "", M_GT_1), new Rule("ive", "", M_GT_1),
      new Rule("ize", "", M_GT_1)};

  private static final Rule[] STEP2 = {
      new Rule("ational", "ate", M_GT_0), new Rule("tional", "tion", M_GT_0), new Rule("enci", "ence", M_GT_0),
      new Rule("anci", "ance", M_GT_0), new Rule("izer", "ize", M_GT_0), new Rule("bli", "ble", M_GT_0),
      new Rule("alli", "al", M_GT_0), new Rule("entli", "ent", M_GT_0), new Rule("eli", "e", M_GT_0),
      new Rule("ousli", "ous", M_GT_0), new Rule("ization", "ize", M_GT_0), new Rule("ation", "ate", M_GT_0),
      new Rule("ator", "ate", M_GT_0), new Rule("alism", "al", M_GT_0), new Rule("iveness", "ive", M_GT_0),
      new Rule("fulness", "ful", M_GT_0), new Rule("ousness", "ous", M_GT_0), new Rule("aliti", "al", M_GT_0),
      new Rule("iviti", "ive", M_GT_0), new Rule("biliti", "ble", M_GT_0), new Rule("fulli", "ful", M_GT_0),
      // NLTK keeps the 'l' with the stem for the measure, so 'geologi' and 'theologi' behave alike.
      new Rule("logi", "log", stem -> measure(stem + "l") > 0)};

  private PorterStemmer() {}

  /** The stem of a lower-case word. */
  public static String stem(String word) {
    String irregular = IRREGULAR.get(word);
    if (irregular != null) {
      return irregular;
    }
    if (word.length() <= 2) {
      return word;
    }
    String w = step1a(word);
    w = step1b(w);
    w = step1c(w);
    w = step2(w);
    w = applyFirst(w, STEP3);
    w = applyFirst(w, STEP4);
    w = step5a(w);
    return step5b(w);
  }

  private static boolean isConsonant(String w, int i) {
    char c = w.charAt(i);
    if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
      return false;
    }
    if (c == 'y') {
      return i == 0 || !isConsonant(w, i - 1);
    }
    return true;
  }

  /** Porter's m: the number of vowel-consonant transitions. */
  static int measure(String stem) {
    int m = 0;
    boolean previousVowel = false;
    for (int i = 0; i < stem.length(); i++) {
      boolean consonant = isConsonant(stem, i);
      if (consonant && previousVowel) {
        m++;
      }
      previousVowel = !consonant;
    }
    return m;
  }

  private static boolean containsVowel(String stem) {
    for (int i = 0; i < stem.length(); i++) {
      if (!isConsonant(stem, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsDoubleConsonant(String w) {
    int n = w.length();
    return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
  }

  /** Porter's *o, with NLTK's extra case of a two-letter vowel-consonant word. */
  private static boolean endsCvc(String w) {
    int n = w.length();
    if (n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1)) {
      char last = w.charAt(n - 1);
      return last != 'w' && last != 'x' && last != 'y';
    }
    return n == 2 && !isConsonant(w, 0) && isConsonant(w, 1);
  }

  /** Applies the first rule whose suffix matches; if its condition fails, the word is left unchanged. */
  private static String applyFirst(String w, Rule[] rules) {
    for (Rule r : rules) {
      if (w.endsWith(r.suffix)) {
        String stem = w.substring(0, w.length() - r.suffix.length());
        return r.condition.test(stem) ? stem + r.replacement : w;
      }
    }
    return w;
  }

  private static String step1a(String w) {
    if (w.length() == 4 && w.endsWith("ies")) {
      return w.substring(0, 1) + "ie";
    }
    return applyFirst(w, STEP1A);
  }

  private static String step1b(String w) {
    if (w.endsWith("ied")) {
      return w.length() == 4 ? w.substring(0, 1) + "ie" : w.substring(0, w.length() - 3) + "i";
    }
    if (w.endsWith("eed")) {
      String stem = w.substring(0, w.length() - 3);
      return measure(stem) > 0 ? stem + "ee" : w;
    }
    String stem;
    if (w.endsWith("ed") && containsVowel(w.substring(0, w.length() - 2))) {
      stem = w.substring(0, w.length() - 2);
    } else if (w.endsWith("ing") && containsVowel(w.substring(0, w.length() - 3))) {
      stem = w.substring(0, w.length() - 3);
    } else {
      return w;
    }
    if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) {
      return stem + "e";
    }
    if (endsDoubleConsonant(stem)) {
      char last = stem.charAt(stem.length() - 1);
      return last == 'l' || last == 's' || last == 'z' ? stem : stem.substring(0, stem.length() - 1);
    }
    return measure(stem) == 1 && endsCvc(stem) ? stem + "e" : stem;
  }

  private static String step1c(String w) {
    int n = w.length();
    if (w.endsWith("y") && n - 1 > 1 && isConsonant(w, n - 2)) {
      return w.substring(0, n - 1) + "i";
    }
    return w;
  }

  private static String step2(String w) {
    if (w.endsWith("alli") && measure(w.substring(0, w.length() - 4)) > 0) {
      return step2(w.substring(0, w.length() - 4) + "al");
    }
    return applyFirst(w, STEP2);
  }

  private static String step5a(String w) {
    if (w.endsWith("e")) {
      String stem = w.substring(0, w.length() - 1);
      int m = measure(stem);
      if (m > 1 || (m == 1 && !endsCvc(stem))) {
        return stem;
      }
    }
    return w;
  }

  private static String step5b(String w) {
    if (w.endsWith("ll") && measure(w.substring(0, w.length() - 1)) > 1) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }
}
