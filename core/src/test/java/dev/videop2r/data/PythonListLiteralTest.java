package dev.videop2r.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PythonListLiteralTest {

  @Test
  void readsPythonReprAndJson() {
    assertEquals(List.of("A. red", "B. it's blue"), PythonListLiteral.parse("['A. red', \"B. it's blue\"]"));
    assertEquals(List.of("A. x\ny", "B. \"q\""), PythonListLiteral.parse("[\"A. x\\ny\", \"B. \\\"q\\\"\"]"));
    assertEquals(List.of("a\\b", "c'd"), PythonListLiteral.parse("['a\\\\b', 'c\\'d']"));
    assertEquals(List.of(), PythonListLiteral.parse("[ ]"));
    assertEquals(List.of("A"), PythonListLiteral.parse("['A',]"));
  }

  @Test
  void refusesWhatIsNotAListOfStrings() {
    for (String bad : new String[] {"A. red", "[1, 2]", "['a' 'b']", "['a'", "['a'] x", "['a\\"}) {
      assertThrows(IllegalArgumentException.class, () -> PythonListLiteral.parse(bad), bad);
    }
  }
}
