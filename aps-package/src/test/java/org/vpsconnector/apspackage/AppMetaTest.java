package org.vpsconnector.apspackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AppMetaTest {

    private static AppMeta parse(String xml) {
        return AppMeta.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheApplicationItsServicesAndTheFilesItsPresentationNames() {
        AppMeta meta = parse("""
                <application xmlns="http://aps-standard.org/ns/2" version="2.0">
                  <id>urn:app</id><name>App</name><version>1.2.3</version><release>4</release>
                  <presentation>
                    <icon path="images/icon.png"/>
                    <navigation id="ccp"><view id="list" src="ui/list.js"><view id="edit" src="ui/edit.js"/></view></navigation>
                  </presentation>
                  <service id="apps"><schema path="schemas/app.schema"/></service>
                  <service id="items"><schema path="schemas/item.schema"/></service>
                </application>""");

        assertThat(meta.apsVersion()).isEqualTo("2.0");
        assertThat(meta.id()).isEqualTo("urn:app");
        assertThat(meta.version()).isEqualTo("1.2.3");
        assertThat(meta.release()).isEqualTo("4");
        assertThat(meta.schemaPathsByService()).containsExactly(
                java.util.Map.entry("apps", "schemas/app.schema"), java.util.Map.entry("items", "schemas/item.schema"));
        assertThat(meta.presentationFiles()).containsExactly("images/icon.png", "ui/list.js", "ui/edit.js");
    }

    @Test
    void aRootOtherThanAnAps2ApplicationIsRefused() {
        assertThatThrownBy(() -> parse("<application version=\"2.0\"><id>urn:app</id></application>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("root");
        assertThatThrownBy(() -> parse("<application xmlns=\"http://aps-standard.org/ns/2\">"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not parse");
    }

    @Test
    void aDocumentTypeDeclarationIsRefused() {
        assertThatThrownBy(() -> parse("""
                <!DOCTYPE application [<!ENTITY x SYSTEM "file:///etc/passwd">]>
                <application xmlns="http://aps-standard.org/ns/2" version="2.0"><id>&x;</id></application>"""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
