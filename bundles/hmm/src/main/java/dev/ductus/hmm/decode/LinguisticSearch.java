package dev.ductus.hmm.decode;

/**
 * What may follow what: the linguistic half of the search space. A context is an immutable value (equal
 * exactly when the futures it allows score the same, so tokens recombine on it); expanding a context lists
 * the symbols whose models may start next, with the language-model score and insertion penalty the step
 * costs and the context after it. One instance serves one decoding call.
 */
interface LinguisticSearch {
    /** Receives the successors of a context. */
    interface Successors {
        /**
         * @param symbol   the symbol whose model starts
         * @param logScore weighted LM log probability plus insertion penalties of the step
         * @param next     the context after the step
         * @param boundary whether a word boundary (an output space) comes before the symbol
         */
        void add(int symbol, double logScore, Object next, boolean boundary);
    }

    Object start();

    /** The successors of the context that start the given symbol's model (none, one, or two). */
    void expand(Object context, int symbol, Successors out);

    /**
     * An upper bound of the score of any successor of the context, so that the decoder can skip symbols whose
     * first frame alone puts them outside the beam without expanding them (and asking the language model).
     */
    double maxStepScore(Object context);

    /** The score of ending the line in this context, negative infinity when the line may not end here. */
    double end(Object context);

    /** A short description for notes, e.g. "open, char LM". */
    String describe();
}
