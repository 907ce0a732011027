package org.vpsconnector.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * The resources one controller sends (protocol §1): its application instance, one subscription's context and
 * that context's VPSes, with the ids a controller assigns before it calls.
 */
final class ApsBodies {
    static final String PACKAGE = "http://aps-standard.org/samples/async1p/";
    private static final ObjectMapper JSON = new ObjectMapper();

    final UUID instanceId = UUID.randomUUID();
    final UUID subscriptionId = UUID.randomUUID();
    final UUID contextId = UUID.randomUUID();
    final UUID accountId = UUID.randomUUID();

    /** The install of the instance; in certificate mode it hands over the controller's and the instance's certificates. */
    ObjectNode cloud(ControllerIdentity controller, ControllerIdentity instance) {
        ObjectNode cloud = JSON.createObjectNode();
        ObjectNode aps = meta(cloud, instanceId, "cloud/1.0", "aps:provisioning");
        if (controller != null) {
            aps.putObject("x509").put("self", instance.certificateAndKeyPem()).put("controller", controller.certificatePem());
        }
        return cloud;
    }

    ObjectNode context() {
        ObjectNode context = JSON.createObjectNode();
        meta(context, contextId, "context/1.0", "aps:provisioning").put("subscription", subscriptionId.toString());
        link(context, "cloud", instanceId);
        link(context, "subscription", subscriptionId);
        link(context, "account", accountId);
        return context;
    }

    /** A VPS of this context: a VM with its own kernel when {@code vm}, otherwise a container. */
    ObjectNode vps(UUID id, boolean vm, int memoryGb, int cpus) {
        ObjectNode vps = JSON.createObjectNode();
        meta(vps, id, "vps/1.0", "aps:provisioning").put("subscription", subscriptionId.toString());
        vps.put("name", (vm ? "vm-" : "ct-") + id.toString().substring(0, 8));
        vps.put("description", vm ? "emulated order of a virtual machine" : "emulated order of a container");
        ObjectNode hardware = vps.putObject("hardware");
        hardware.put("memory", memoryGb).put("diskspace", 10).putObject("CPU").put("number", cpus);
        hardware.put("VM", vm);
        vps.putObject("platform").put("arch", "x86_64").putObject("OS").put("name", "debian").put("version", "12");
        link(vps, "context", contextId);
        return vps;
    }

    /** The full, updated representation a configure sends: {@code vps} with new memory and CPUs. */
    static ObjectNode configured(ObjectNode vps, int memoryGb, int cpus) {
        ObjectNode updated = vps.deepCopy();
        ((ObjectNode) updated.get("aps")).put("status", "aps:configuring");
        ObjectNode hardware = (ObjectNode) updated.get("hardware");
        hardware.put("memory", memoryGb);
        ((ObjectNode) hardware.get("CPU")).put("number", cpus);
        return updated;
    }

    private static ObjectNode meta(ObjectNode resource, UUID id, String type, String status) {
        return resource.putObject("aps").put("id", id.toString()).put("type", PACKAGE + type).put("status", status);
    }

    private static void link(ObjectNode resource, String relation, UUID id) {
        resource.putObject(relation).putObject("aps").put("link", "strong").put("id", id.toString());
    }
}
