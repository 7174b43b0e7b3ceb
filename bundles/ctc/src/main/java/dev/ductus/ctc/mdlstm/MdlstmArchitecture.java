package dev.ductus.ctc.mdlstm;

/**
 * The MDLSTM-CTC recogniser of Graves and Schmidhuber (2009) as refined by Pham et al. (2014) and Bluche's
 * thesis, in the model-string grammar of the neural core: raw pixels at a fixed height, 2x2 blocks folded
 * into channels, three 2-D LSTM layers of 2, 10 and 50 cells per direction (four directions concatenated)
 * with subsampling convolutions between them, dropout on the MDLSTM outputs, the map summed over its height
 * into a sequence. The trainer appends the output layer ({@code dense} to the classes); a dense layer after
 * the collapse equals the papers' dense-then-collapse up to the scale of its bias, because the height is fixed.
 */
public final class MdlstmArchitecture {
    /** The system name of trainers and models. */
    public static final String SYSTEM = "mdlstm-ctc";
    /** Rows the pixel encoder scales every line to (as the CRNN system). */
    public static final int HEIGHT = 48;
    /** The hidden layers: 48 rows become 24, 12, then 11; columns are divided by 2, 8, then less one. */
    public static final String MODEL = "block=2x2,mdlstm=2,dropout=0.25,conv=6:2x4:s=2x4:tanh,mdlstm=10,dropout=0.25,"
            + "conv=20:2x4:tanh,mdlstm=50,dropout=0.5,collapse";

    private MdlstmArchitecture() {
    }
}
