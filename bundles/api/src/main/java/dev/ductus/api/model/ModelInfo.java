package dev.ductus.api.model;

import java.util.Map;

/**
 * What a trained model is: its system ({@code gmm-hmm}, {@code blstm-ctc}, ...), format version, alphabet,
 * the input it expects (feature spec or pixel height), size, and free-form training facts (data, time, epochs).
 */
public record ModelInfo(String system, int formatVersion, Alphabet alphabet, String inputSpec, long parameters,
                        Map<String, String> facts) {
    public ModelInfo {
        facts = Map.copyOf(facts);
    }
}
