package org.vpsconnector.bootstrap;

/** SSH public keys a customer may authorise, for requests that need one but never log in with it. */
final class GuestKeys {
    static final String ED25519 =
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILDMvSwYfbxVNII7oQ+hZtni+bWrOKHdYOu+lpRHtL7w anna@laptop";
    static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBHwL89HT0p5Iyex8IOs1zvi1"
            + "Ymu/yXcBR9IQg/E6XEMI+uoQu5RGhdiTEYCZDbCIkgphq85Xv6OzDifJqSLnZt4= ops@desk";

    private GuestKeys() {
    }
}
