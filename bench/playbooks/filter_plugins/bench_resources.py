"""bench_resources: a device's planned zones and static routes as junipernetworks.junos resource-module config."""


def bench_resources(config):
    zones = [{"name": zone["name"], "interfaces": [i["name"] for i in zone.get("interfaces", [])]}
             for zone in config.get("zones", {}).get("zones", [])]
    routes = [{"dest": route["destination"], "next_hop": [{"forward_router_address": hop} for hop in route["next_hop"]]}
              for route in config.get("routes", {}).get("routes", [])]
    return {
        "zones": {"zones": zones},
        "routes": [{"address_families": [{"afi": "ipv4", "routes": routes}]}] if routes else [],
    }


class FilterModule:
    def filters(self):
        return {"bench_resources": bench_resources}
