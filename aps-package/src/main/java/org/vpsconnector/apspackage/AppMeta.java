package org.vpsconnector.apspackage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What {@code APP-META.xml} says about the application: its id, version and release, the schema
 * file of each service, and the files its presentation names (views, icons, screenshots).
 */
public record AppMeta(String apsVersion, String id, String name, String version, String release,
                      Map<String, String> schemaPathsByService, List<String> presentationFiles) {

    public static final String NAMESPACE = "http://aps-standard.org/ns/2";

    public AppMeta {
        // In the order APP-META.xml lists them.
        schemaPathsByService = Collections.unmodifiableMap(new LinkedHashMap<>(schemaPathsByService));
        presentationFiles = List.copyOf(presentationFiles);
    }

    /** Parses the file; an XML error or a root other than {@code <application>} of APS 2 is an exception. */
    public static AppMeta parse(byte[] xml) {
        Element root = document(xml).getDocumentElement();
        if (!NAMESPACE.equals(root.getNamespaceURI()) || !"application".equals(root.getLocalName())) {
            throw new IllegalArgumentException("APP-META.xml: the root is not <application xmlns=\"" + NAMESPACE + "\">");
        }
        Map<String, String> schemas = new LinkedHashMap<>();
        for (Element service : children(root, "service")) {
            List<Element> schema = children(service, "schema");
            schemas.put(service.getAttribute("id"), schema.isEmpty() ? null : schema.get(0).getAttribute("path"));
        }
        List<String> files = new ArrayList<>();
        NodeList all = root.getElementsByTagNameNS(NAMESPACE, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (element.hasAttribute("src")) {
                files.add(element.getAttribute("src"));
            }
            if ((element.getLocalName().equals("icon") || element.getLocalName().equals("screenshot"))
                    && element.hasAttribute("path")) {
                files.add(element.getAttribute("path"));
            }
        }
        return new AppMeta(root.getAttribute("version"), text(root, "id"), text(root, "name"), text(root, "version"),
                text(root, "release"), schemas, files);
    }

    private static Document document(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Errors become the exception below instead of lines on standard error.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("APP-META.xml does not parse: " + e.getMessage(), e);
        }
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (org.w3c.dom.Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && NAMESPACE.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}
