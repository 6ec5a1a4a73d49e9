package dev.mp.registry.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The baseline a sync is compared with: one plain parse of each file, one after the other —
 * {@code tree} builds Jackson's tree (what a naive client does), {@code tokens} only walks the tokens
 * (the least any JSON reader can do). Usage: {@code PlainParse tree|tokens FILE...}
 */
public final class PlainParse {
  private PlainParse() {}

  public static void main(String[] args) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    long total = 0;
    for (int i = 1; i < args.length; i++) {
      Path file = Path.of(args[i]);
      if (args[0].equals("tree")) {
        JsonNode root = mapper.readTree(file.toFile());
        total += root.path("plugins").size();
      } else {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = mapper.getFactory().createParser(in)) {
          while (parser.nextToken() != null) {
            total++;
          }
        }
      }
    }
    System.out.println(args[0] + ": " + total);
  }
}
