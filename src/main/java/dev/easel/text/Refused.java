package dev.easel.text;

/** A value or a request the core refuses, with the sentence saying why and what to do instead. */
public final class Refused extends IllegalArgumentException implements Explained {
    private final transient Text text;

    public Refused(Text text) {
        super(text.toString());
        this.text = text;
    }

    @Override
    public Text text() {
        return text;
    }
}
