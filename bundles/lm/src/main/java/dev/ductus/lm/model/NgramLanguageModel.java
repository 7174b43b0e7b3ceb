package dev.ductus.lm.model;

import dev.ductus.api.lm.LanguageModel;
import dev.ductus.api.lm.Lexicon;
import dev.ductus.api.lm.LmScore;
import dev.ductus.api.lm.LmState;
import dev.ductus.api.lm.LmUnit;
import dev.ductus.lm.count.TokenUnit;
import dev.ductus.lm.lexicon.LexiconTrie;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link NgramModel} as a decoder's {@link LanguageModel}, over words or characters. In a character model
 * the token " " is the vocabulary's {@code <space>}. Word models offer their vocabulary (without
 * {@code <s>}, {@code </s>}, {@code <unk>}) as a {@link LexiconTrie}, built on first use.
 */
public final class NgramLanguageModel implements LanguageModel {
    private final NgramModel model;
    private final TokenUnit unit;
    private volatile LexiconTrie lexicon;

    public NgramLanguageModel(NgramModel model, TokenUnit unit) {
        this.model = model;
        this.unit = unit;
    }

    public NgramModel model() {
        return model;
    }

    public TokenUnit tokenUnit() {
        return unit;
    }

    @Override
    public LmUnit unit() {
        return unit == TokenUnit.WORD ? LmUnit.WORD : LmUnit.CHARACTER;
    }

    @Override
    public int order() {
        return model.order();
    }

    @Override
    public LmState start() {
        return model.start(this);
    }

    @Override
    public LmScore score(LmState state, String token) {
        return model.score(own(state), idOf(token), this);
    }

    /** Scores a word id of the underlying model (for callers that looked the id up once). */
    public LmScore score(LmState state, int wordId) {
        return model.score(own(state), wordId, this);
    }

    @Override
    public double end(LmState state) {
        return model.score(own(state), model.eosId(), this).logProb();
    }

    @Override
    public boolean contains(String token) {
        int id = model.id(unit.spelling(token));
        return id >= 0 && id != model.unkId();
    }

    /** The model's id for the token, {@code <unk>}'s id when it is unknown (-1 when the model has none). */
    public int idOf(String token) {
        int id = model.id(unit.spelling(token));
        return id >= 0 ? id : model.unkId();
    }

    @Override
    public Lexicon lexicon() {
        if (unit != TokenUnit.WORD) return null;
        LexiconTrie l = lexicon;
        if (l == null) {
            synchronized (this) {
                if (lexicon == null) lexicon = new LexiconTrie(words(model));
                l = lexicon;
            }
        }
        return l;
    }

    /** The model's real words: its vocabulary without the special tokens. */
    public static List<String> words(NgramModel model) {
        List<String> out = new ArrayList<>(model.vocabularySize());
        for (int i = 0; i < model.vocabularySize(); i++) {
            String w = model.word(i);
            if (!w.equals("<s>") && !w.equals("</s>") && !w.equals("<unk>")) out.add(w);
        }
        return out;
    }

    private NgramState own(LmState state) {
        if (state instanceof NgramState s && s.owner() == this) return s;
        throw new IllegalArgumentException("state " + state + " was not made by this language model");
    }
}
