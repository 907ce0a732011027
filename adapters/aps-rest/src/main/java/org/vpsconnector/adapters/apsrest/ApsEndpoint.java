package org.vpsconnector.adapters.apsrest;

import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resources the APS controller calls, so that APS request filters apply to them and
 * not to other endpoints that may share the Jersey environment.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ApsEndpoint {
    /** For filters bound per resource method at start ({@code DynamicFeature}) rather than by name. */
    final class Methods {
        private Methods() {
        }

        /** Whether the resource method is one the controller calls: it or its class is marked. */
        static boolean includes(ResourceInfo resource) {
            return resource.getResourceClass().isAnnotationPresent(ApsEndpoint.class)
                    || resource.getResourceMethod().isAnnotationPresent(ApsEndpoint.class);
        }
    }
}
