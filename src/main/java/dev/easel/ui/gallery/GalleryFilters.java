package dev.easel.ui.gallery;

import dev.easel.library.LibraryQuery;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.time.LocalDate;
import java.util.List;

/**
 * What the gallery shows: the words searched, the filters and the order, as the {@link LibraryQuery} they make.
 * A filter or order chosen asks for a reload at once; typed words and seeds wait for the view's pause in typing.
 */
public final class GalleryFilters {

    private final StringProperty query = new SimpleStringProperty("");
    private final BooleanProperty favouritesOnly = new SimpleBooleanProperty();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty template = new SimpleStringProperty();
    private final StringProperty endpoint = new SimpleStringProperty();
    private final StringProperty size = new SimpleStringProperty();
    private final StringProperty seed = new SimpleStringProperty("");
    private final StringProperty tag = new SimpleStringProperty();
    private final ObjectProperty<LibraryQuery.Sort> sort = new SimpleObjectProperty<>(LibraryQuery.Sort.NEWEST);
    private final Runnable reload;
    private boolean clearing;

    /** @param reload asked for when a filter or the order changes */
    public GalleryFilters(Runnable reload) {
        this.reload = reload;
        for (var p : List.of(favouritesOnly, sort, from, to, template, endpoint, size, tag)) {
            p.addListener((o, was, now) -> {
                if (!clearing) {
                    reload.run();
                }
            });
        }
    }

    /** The query the properties describe. */
    public LibraryQuery query() {
        Integer w = null;
        Integer h = null;
        String s = size.get();
        if (s != null && s.matches("\\d+×\\d+")) {
            w = Integer.parseInt(s.substring(0, s.indexOf('×')));
            h = Integer.parseInt(s.substring(s.indexOf('×') + 1));
        }
        Long seedValue = null;
        String typed = seed.get() == null ? "" : seed.get().strip();
        if (typed.matches("\\d{1,18}")) {
            seedValue = Long.parseLong(typed);
        }
        return new LibraryQuery(query.get(), favouritesOnly.get(), from.get(), to.get(), template.get(),
                endpoint.get(), w, h, seedValue, tag.get(), sort.get());
    }

    /** Clears every filter (the words and the order stay), then reloads once. */
    public void clear() {
        clearing = true;
        favouritesOnly.set(false);
        from.set(null);
        to.set(null);
        template.set(null);
        endpoint.set(null);
        size.set(null);
        seed.set("");
        tag.set(null);
        clearing = false;
        reload.run();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public BooleanProperty favouritesOnlyProperty() {
        return favouritesOnly;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty templateProperty() {
        return template;
    }

    public StringProperty endpointProperty() {
        return endpoint;
    }

    /** {@code 1024×768}, or null for any size. */
    public StringProperty sizeProperty() {
        return size;
    }

    public StringProperty seedProperty() {
        return seed;
    }

    public StringProperty tagProperty() {
        return tag;
    }

    public ObjectProperty<LibraryQuery.Sort> sortProperty() {
        return sort;
    }
}
