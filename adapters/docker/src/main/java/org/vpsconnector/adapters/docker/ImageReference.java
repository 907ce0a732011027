package org.vpsconnector.adapters.docker;

/**
 * An image name split the way the engine reads it: {@code [registry/]repository[:tag|@digest]}.
 * The first part names a registry when it has a dot or a port, or is {@code localhost};
 * otherwise the image comes from Docker Hub.
 */
record ImageReference(String registry, String repository, String tag) {
    static final String DOCKER_HUB = "docker.io";

    static ImageReference parse(String image) {
        String name = image;
        String tag;
        int at = name.indexOf('@');
        if (at >= 0) {
            tag = name.substring(at + 1);
            name = name.substring(0, at);
        } else {
            int colon = name.lastIndexOf(':');
            if (colon > name.lastIndexOf('/')) {
                tag = name.substring(colon + 1);
                name = name.substring(0, colon);
            } else {
                tag = "latest";
            }
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean namesRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return new ImageReference(namesRegistry ? first : DOCKER_HUB, name, tag);
    }
}
