package dev.mp.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The shared, immutable JSON machinery. Built on first use (class-holder idiom) so that commands
 * that never touch JSON do not pay for it; never reconfigured after construction.
 */
public final class Json {
  /** Deepest nesting accepted in any document mp reads; real files are a handful of levels deep. */
  public static final int MAX_DEPTH = 64;

  private Json() {}

  private static final class Holder {
    static final JsonFactory FACTORY =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(16 * 1024 * 1024)
                    .maxNumberLength(64)
                    .build())
            .build();
    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);
  }

  /** A factory for streaming parsers and generators with mp's limits. */
  public static JsonFactory factory() {
    return Holder.FACTORY;
  }

  /** A mapper for tree conversions; do not reconfigure it. */
  public static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }
}
