package dev.easel.text;

/** An exception that says what went wrong as a {@link Text}, for the edge to put into words. */
public interface Explained {

    /** The sentence for the user. */
    Text text();
}
