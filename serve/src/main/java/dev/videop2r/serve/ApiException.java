package dev.videop2r.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server refuses, with the HTTP status and the OpenAI error body
 * ({@code {"error": {"message", "type", "param", "code"}}}) that OpenAI SDKs turn into typed exceptions.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String type;
  private final String param;

  public ApiException(int status, String type, String param, String message) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
  }

  /** 400: the request names its offending field. */
  public static ApiException invalid(String param, String message) {
    return new ApiException(400, "invalid_request_error", param, message);
  }

  public int status() {
    return status;
  }

  ObjectNode body(ObjectMapper json) {
    ObjectNode root = json.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("message", getMessage());
    error.put("type", type);
    if (param == null) {
      error.putNull("param");
    } else {
      error.put("param", param);
    }
    error.put("code", status);
    return root;
  }
}
