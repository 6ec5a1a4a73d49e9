package dev.mp.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mp.ErrorCode;
import dev.mp.io.JsonDocument;
import dev.mp.testing.FuzzRules;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Policy files ({@code .claude/policies/plugins.yaml}), whatever their bytes: a policy, or a coded
 * {@code POLICY_CONFIG_ERROR} naming line and field; YAML bombs (aliases, deep nesting) included. A
 * policy that loads decides for any plugin without failing, and its listing renders.
 */
class PolicyLoaderFuzzTest {
  private static final List<PluginFacts> FACTS = List.of(
      new PluginFacts("alpha", "1.0.0", "team", 90, SignatureState.VERIFIED),
      new PluginFacts("tool-backdoor", "1.4.1", "local", null, SignatureState.UNSIGNED),
      new PluginFacts("beta", null, null, 0, SignatureState.UNSIGNED),
      new PluginFacts("gamma", "sha-abc1234", "public", 100, SignatureState.CLAIMED));

  @FuzzTest
  @Timeout(10)
  // libFuzzer dictionary syntax: \x0A is a line break, \x22 a double quote.
  @DictionaryEntries({"rules:", "- action: ", "allow", "deny", "require", "plugins: ", "[\\x22*\\x22]", "source: ",
      "versions: ", "\\x22<1.4.2\\x22", "unless:", "trust_score: ", "\\x22>= 80\\x22", "signed: ", "true", "reason: ",
      "&a ", "*a", "!!", "---", "\\x0A  ", "\\x0A    ", "\\x0A- ", "{", "}", "[", "]", ": ", "- ", "\\x22", "'", "#", "|",
      ">", "~", "null"})
  void anyPolicyLoadsOrIsACodedError(byte[] bytes) throws Exception {
    FuzzRules.codedOnly(() -> {
      Policy policy;
      try {
        policy = PolicyLoader.parse(
            JsonDocument.parseYaml(".claude/policies/plugins.yaml", bytes, ErrorCode.POLICY_CONFIG_ERROR),
            Path.of("/project/.claude/policies/plugins.yaml"));
      } catch (dev.mp.MpException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.POLICY_CONFIG_ERROR);
        throw e;
      }
      PolicyEngine engine = new PolicyEngine(policy, Policies.REGISTRIES);
      for (PluginFacts facts : FACTS) {
        Decision decision = engine.evaluate(facts);
        assertThat(decision.trace().size() + decision.untried()).isEqualTo(policy.rules().size());
      }
    });
  }
}
