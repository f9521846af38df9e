/** Easel: a desktop studio for ComfyUI workflows on Runpod Serverless. */
module dev.easel {
    requires javafx.controls;
    requires atlantafx.base;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;
    requires okhttp3;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires jdk.httpserver;
    requires java.desktop;
    requires dev.dirs;
    requires java.keyring;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires org.fxmisc.richtext;
    requires org.fxmisc.flowless;
    requires reactfx;
    requires org.fxmisc.undo;
    requires metadata.extractor;
    requires org.freedesktop.dbus;
    requires static com.google.errorprone.annotations;

    exports dev.easel to javafx.graphics, ch.qos.logback.core;
    opens dev.easel.cli to info.picocli;
    opens dev.easel.settings to com.fasterxml.jackson.databind;
    exports dev.easel.io.dbus to org.freedesktop.dbus;
}
