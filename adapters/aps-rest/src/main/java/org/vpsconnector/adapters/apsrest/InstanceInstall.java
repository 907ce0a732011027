package org.vpsconnector.adapters.apsrest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the resource methods that install an application instance: the only requests that may
 * address an instance not installed yet, whose first-install policy the install itself applies.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface InstanceInstall {
}
