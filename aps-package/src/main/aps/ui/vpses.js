// The customer's view: the servers of the subscription in context, with what each is doing.
// A VPS with its own kernel shows Creating while it boots: Refresh fetches the states again.
// The address shows once the server has one: the customer logs in there with the keys given.
define([
    "dojo/_base/declare",
    "aps/View",
    "aps/ResourceStore"
], function (declare, View, ResourceStore) {
    return declare(View, {
        init: function () {
            return ["aps/Grid", {
                id: this.genId("vpses_grid"),
                noDataText: "No servers in this subscription yet",
                columns: [{
                    field: "name",
                    name: "Name"
                }, {
                    field: "state",
                    name: "State"
                }, {
                    field: "hardware",
                    name: "Kind",
                    renderCell: function (row, hardware) {
                        return hardware && hardware.VM ? "Virtual machine" : "Container";
                    }
                }, {
                    field: "platform",
                    name: "System",
                    renderCell: function (row, platform) {
                        return platform && platform.OS ? [platform.OS.name, platform.OS.version].join(" ") : "";
                    }
                }, {
                    field: "network",
                    name: "Address",
                    renderCell: function (row, network) {
                        return network && network.ipv4 ? network.ipv4 : "";
                    }
                }, {
                    field: "suspended",
                    name: "Suspended",
                    renderCell: function (row, suspended) {
                        return suspended ? "Yes" : "";
                    }
                }]
            }, [
                ["aps/Toolbar", [
                    ["aps/ToolbarButton", {
                        id: this.genId("vpses_refresh"),
                        iconClass: "fa-refresh",
                        label: "Refresh",
                        autoBusy: false,
                        onClick: function () {
                            this.byId("vpses_grid").refresh();
                        }.bind(this)
                    }]
                ]]
            ]];
        },

        // The VPSes linked to the context: the controller answers /aps/2/resources/{context}/vpses.
        onContext: function (context) {
            this.byId("vpses_grid").set("store", new ResourceStore({
                apsType: "http://aps-standard.org/samples/async1p/vps/1.0",
                target: "/aps/2/resources/" + context.vars.context.aps.id + "/vpses"
            }));
            aps.apsc.hideLoading();
        }
    });
});
