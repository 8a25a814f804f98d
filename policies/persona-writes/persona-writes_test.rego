package gwpc.persona_writes_test

import data.gwpc.persona_writes
import rego.v1

# ---------------------------------------------------------------------------
# Fixtures: the four-tier model (clusterOperators.gatewayClassWrite: false)
# ---------------------------------------------------------------------------

params := {
	"exemptGroups": ["system:masters"],
	"grants": [
		{"groups": ["infra"], "users": [], "families": ["GatewayClass", "Gateway", "Route"], "namespaces": []},
		{"groups": ["ops"], "users": ["olivia"], "families": ["Gateway", "Route"], "namespaces": []},
		{"groups": ["team-a-admins"], "users": [], "families": ["Gateway", "Route"], "namespaces": ["team-a"]},
		{"groups": ["team-a-devs"], "users": [], "families": ["Route"], "namespaces": ["team-a", "team-a-staging"]},
	],
}

gateway_class := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "GatewayClass",
	"metadata": {"name": "public"},
	"spec": {"controllerName": "example.com/gateway-controller"},
}

gateway(ns) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "Gateway",
	"metadata": {"name": "gw", "namespace": ns},
	"spec": {"gatewayClassName": "public", "listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}]},
}

named(kind, ns) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "x", "namespace": ns},
	"spec": {},
}

route(ns) := named("HTTPRoute", ns)

user(name, groups) := {"username": name, "groups": groups}

review(o, op, ui) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": object.get(o.metadata, "namespace", ""),
	"operation": op,
	"userInfo": ui,
}

review_no_user(o, op) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": object.get(o.metadata, "namespace", ""),
	"operation": op,
}

violations(o, op, ui) := v if {
	v := persona_writes.violation with input as {"review": review(o, op, ui), "parameters": params}
}

allowed(o, ui) if {
	count(violations(o, "CREATE", ui)) == 0
}

denied(o, ui) if {
	count(violations(o, "CREATE", ui)) == 1
}

only_msg(v) := m if {
	count(v) == 1
	some x in v
	m := x.msg
}

# ---------------------------------------------------------------------------
# Infrastructure provider: Yes / Yes / Yes
# ---------------------------------------------------------------------------

test_infra_writes_everything if {
	ui := user("ivan", ["infra", "system:authenticated"])
	allowed(gateway_class, ui)
	allowed(gateway("edge"), ui)
	allowed(route("team-b"), ui)
	allowed(named("ListenerSet", "team-b"), ui)
}

# ---------------------------------------------------------------------------
# Cluster operators: No (gatewayClassWrite false) / Yes / Yes
# ---------------------------------------------------------------------------

test_ops_cannot_write_gateway_class if {
	msg := only_msg(violations(gateway_class, "CREATE", user("oscar", ["ops"])))
	msg == "user \"oscar\" (groups: ops) may not create GatewayClass \"public\": no persona grant gives write access to the GatewayClass family"
}

test_ops_write_gateways_and_routes_everywhere if {
	ui := user("oscar", ["ops"])
	allowed(gateway("edge"), ui)
	allowed(gateway("team-z"), ui)
	allowed(route("team-z"), ui)
}

test_grant_by_username if {
	allowed(gateway("edge"), user("olivia", []))
	denied(gateway_class, user("olivia", []))
}

# ---------------------------------------------------------------------------
# Application admins: No / in specified namespaces / in specified namespaces
# ---------------------------------------------------------------------------

test_admin_in_own_namespace_allowed if {
	ui := user("alice", ["team-a-admins"])
	allowed(gateway("team-a"), ui)
	allowed(route("team-a"), ui)
	allowed(named("ListenerSet", "team-a"), ui)
}

test_admin_in_wrong_namespace_denied if {
	msg := only_msg(violations(gateway("team-b"), "CREATE", user("alice", ["team-a-admins"])))
	msg == "user \"alice\" (groups: team-a-admins) may not create Gateway \"team-b/gw\": no persona grant gives write access to the Gateway family in namespace \"team-b\""
}

test_admin_cannot_write_gateway_class if {
	denied(gateway_class, user("alice", ["team-a-admins"]))
}

# ---------------------------------------------------------------------------
# Application developers: No / No / in specified namespaces
# ---------------------------------------------------------------------------

test_dev_route_in_own_namespaces_allowed if {
	ui := user("dave", ["team-a-devs"])
	allowed(route("team-a"), ui)
	allowed(route("team-a-staging"), ui)
	allowed(named("GRPCRoute", "team-a"), ui)
	allowed(named("TLSRoute", "team-a"), ui)
	allowed(named("TCPRoute", "team-a"), ui)
	allowed(named("UDPRoute", "team-a"), ui)
}

test_dev_route_in_wrong_namespace_denied if {
	denied(route("team-b"), user("dave", ["team-a-devs"]))
}

test_dev_cannot_write_gateway if {
	msg := only_msg(violations(gateway("team-a"), "UPDATE", user("dave", ["team-a-devs"])))
	msg == "user \"dave\" (groups: team-a-devs) may not update Gateway \"team-a/gw\": no persona grant gives write access to the Gateway family in namespace \"team-a\""
}

test_dev_cannot_write_listener_set if {
	denied(named("ListenerSet", "team-a"), user("dave", ["team-a-devs"]))
	denied(named("XListenerSet", "team-a"), user("dave", ["team-a-devs"]))
}

test_dev_cannot_write_gateway_class if {
	denied(gateway_class, user("dave", ["team-a-devs"]))
}

# ---------------------------------------------------------------------------
# Subjects
# ---------------------------------------------------------------------------

test_unknown_group_denied if {
	msg := only_msg(violations(route("team-a"), "CREATE", user("mallory", ["team-b-devs", "system:authenticated"])))
	contains(msg, "user \"mallory\" (groups: system:authenticated, team-b-devs) may not create HTTPRoute \"team-a/x\"")
	contains(msg, "Route family in namespace \"team-a\"")
}

test_any_group_of_many_suffices if {
	allowed(route("team-a"), user("dave", ["system:authenticated", "team-a-devs"]))
}

test_user_without_groups_denied if {
	msg := only_msg(violations(route("team-a"), "CREATE", user("bob", [])))
	contains(msg, "(groups: none)")
}

test_group_name_is_not_a_username if {
	denied(route("team-a"), user("team-a-devs", []))
}

test_exempt_group_never_checked if {
	allowed(gateway_class, user("root", ["system:masters"]))
	allowed(gateway("anywhere"), user("root", ["system:masters", "other"]))
}

test_no_grants_denies_everyone if {
	v := persona_writes.violation with input as {"review": review(route("team-a"), "CREATE", user("dave", ["team-a-devs"])), "parameters": {}}
	count(v) == 1
}

test_no_parameters_denies_everyone if {
	v := persona_writes.violation with input as {"review": review(route("team-a"), "CREATE", user("dave", ["team-a-devs"]))}
	count(v) == 1
}

# ---------------------------------------------------------------------------
# "A review without userInfo (audit of a cluster dump) is never denied"
# ---------------------------------------------------------------------------

test_no_user_info_never_denied if {
	v := persona_writes.violation with input as {"review": review_no_user(gateway_class, "CREATE"), "parameters": params}
	count(v) == 0
	v2 := persona_writes.violation with input as {"review": review_no_user(gateway("team-b"), ""), "parameters": params}
	count(v2) == 0
}

test_empty_user_info_never_denied if {
	count(violations(gateway_class, "CREATE", {})) == 0
}

test_null_user_info_never_denied if {
	count(violations(gateway_class, "CREATE", null)) == 0
}

# ---------------------------------------------------------------------------
# Operations and kinds
# ---------------------------------------------------------------------------

test_delete_not_checked if {
	count(violations(gateway_class, "DELETE", user("dave", ["team-a-devs"]))) == 0
}

test_connect_not_checked if {
	count(violations(gateway_class, "CONNECT", user("dave", ["team-a-devs"]))) == 0
}

test_operation_missing_still_checked if {
	msg := only_msg(violations(gateway_class, "", user("dave", ["team-a-devs"])))
	contains(msg, "may not write GatewayClass")
}

test_other_kinds_ignored if {
	count(violations(named("ReferenceGrant", "team-a"), "CREATE", user("dave", ["team-a-devs"]))) == 0
}

test_details if {
	v := violations(gateway("team-b"), "CREATE", user("alice", ["team-a-admins", "b"]))
	some x in v
	x.details == {"username": "alice", "groups": ["b", "team-a-admins"], "family": "Gateway", "namespace": "team-b"}
}

test_namespace_from_review_when_object_has_none if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "r"}, "spec": {}}
	r := {
		"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": "HTTPRoute"},
		"object": o,
		"name": "r",
		"namespace": "team-a",
		"operation": "CREATE",
		"userInfo": user("dave", ["team-a-devs"]),
	}
	count(persona_writes.violation) == 0 with input as {"review": r, "parameters": params}
}
