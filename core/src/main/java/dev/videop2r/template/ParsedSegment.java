package dev.videop2r.template;

/**
 * One segment element found in a response.
 *
 * @param segment which segment
 * @param outer the element including its tags (an unclosed one ends where it was cut off)
 * @param inner the text between the tags
 * @param content the inner text with surrounding (Python) whitespace stripped
 * @param closed whether its closing tag was found
 * @param nested whether it sits inside another segment
 * @param clean whether it contains no other segment tag
 */
public record ParsedSegment(
    Segment segment, CharSpan outer, CharSpan inner, String content, boolean closed, boolean nested,
    boolean clean) {}
