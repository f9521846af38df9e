package dev.easel.io.dbus;

import org.freedesktop.dbus.annotations.DBusInterfaceName;
import org.freedesktop.dbus.annotations.DBusMemberName;
import org.freedesktop.dbus.interfaces.DBusInterface;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;

import java.util.Map;

/** The desktop's notification service on Linux (the freedesktop.org Desktop Notifications Specification 1.2). */
@DBusInterfaceName("org.freedesktop.Notifications")
public interface Notifications extends DBusInterface {

    /** The service's well-known bus name. */
    String BUS_NAME = "org.freedesktop.Notifications";

    /** Its object path. */
    String PATH = "/org/freedesktop/Notifications";

    /**
     * Shows a notification; the answer is its id.
     *
     * @param expireTimeout milliseconds, -1 for the server's default
     */
    @DBusMemberName("Notify")
    UInt32 show(String appName, UInt32 replacesId, String appIcon, String summary, String body, String[] actions,
                Map<String, Variant<?>> hints, int expireTimeout);
}
