package gwpc.cross_namespace_refs_test

import data.gwpc.cross_namespace_refs
import rego.v1

# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------

http_route(rules) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "HTTPRoute",
	"metadata": {"name": "web", "namespace": "team-a"},
	"spec": {"parentRefs": [{"name": "gw", "namespace": "edge"}], "rules": rules},
}

route_of_kind(kind, rules) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": kind,
	"metadata": {"name": "web", "namespace": "team-a"},
	"spec": {"parentRefs": [{"name": "gw", "namespace": "edge"}], "rules": rules},
}

backend(ns, name) := {"name": name, "namespace": ns, "port": 8080}

local_backend(name) := {"name": name, "port": 8080}

mirror(ref) := {"type": "RequestMirror", "requestMirror": {"backendRef": ref}}

gateway_with_cert(ref) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "Gateway",
	"metadata": {"name": "gw", "namespace": "edge"},
	"spec": {
		"gatewayClassName": "public",
		"listeners": [
			{"name": "http", "port": 80, "protocol": "HTTP"},
			{"name": "https", "port": 443, "protocol": "HTTPS", "hostname": "a.example.com", "tls": {"mode": "Terminate", "certificateRefs": [ref]}},
		],
	},
}

gateway_spec(spec) := {
	"apiVersion": "gateway.networking.k8s.io/v1",
	"kind": "Gateway",
	"metadata": {"name": "gw", "namespace": "edge"},
	"spec": spec,
}

review_of(o) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": o.metadata.namespace,
}

review_op(o, op) := {
	"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": o.kind},
	"object": o,
	"name": o.metadata.name,
	"namespace": o.metadata.namespace,
	"operation": op,
}

violations(o, inv) := v if {
	v := cross_namespace_refs.violation with input as {"review": review_of(o), "parameters": {}} with data.inventory as inv
}

only_msg(v) := m if {
	count(v) == 1
	some x in v
	m := x.msg
}

grant_obj(ns, from, to) := {
	"apiVersion": "gateway.networking.k8s.io/v1beta1",
	"kind": "ReferenceGrant",
	"metadata": {"name": "g", "namespace": ns},
	"spec": {"from": from, "to": to},
}

# Inventory holding one ReferenceGrant in namespace ns, synced at groupVersion gv.
inventory(ns, gv, grant) := {"namespace": {ns: {gv: {"ReferenceGrant": {"g": grant}}}}}

route_grant(kind, from_ns, to) := grant_obj("payments", [{"group": "gateway.networking.k8s.io", "kind": kind, "namespace": from_ns}], to)

service_to := [{"group": "", "kind": "Service"}]

payments_grant := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("HTTPRoute", "team-a", service_to))

empty_inventory := {}

# ---------------------------------------------------------------------------
# Same-namespace references never need a grant
# ---------------------------------------------------------------------------

test_local_backend_allowed if {
	count(violations(http_route([{"backendRefs": [local_backend("api")]}]), empty_inventory)) == 0
}

test_explicit_same_namespace_allowed if {
	count(violations(http_route([{"backendRefs": [backend("team-a", "api")]}]), empty_inventory)) == 0
}

test_route_without_rules_allowed if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "web", "namespace": "team-a"}, "spec": {}}
	count(violations(o, empty_inventory)) == 0
}

# ---------------------------------------------------------------------------
# backendRefs in rules
# ---------------------------------------------------------------------------

test_cross_namespace_backend_without_grant_denied if {
	msg := only_msg(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), empty_inventory))
	msg == "HTTPRoute \"team-a/web\" spec.rules[0].backendRefs[0] references Service \"payments/api\" in another namespace; no ReferenceGrant in namespace \"payments\" allows HTTPRoute from namespace \"team-a\" to reference it"
}

test_cross_namespace_backend_with_grant_allowed if {
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), payments_grant)) == 0
}

test_grant_synced_at_v1_allowed if {
	inv := inventory("payments", "gateway.networking.k8s.io/v1", route_grant("HTTPRoute", "team-a", service_to))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 0
}

test_grant_in_wrong_api_group_ignored if {
	inv := inventory("payments", "example.com/v1", route_grant("HTTPRoute", "team-a", service_to))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 1
}

test_grant_in_other_namespace_ignored if {
	inv := inventory("billing", "gateway.networking.k8s.io/v1beta1", route_grant("HTTPRoute", "team-a", service_to))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 1
}

test_grant_for_other_from_namespace_denied if {
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("HTTPRoute", "team-b", service_to))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 1
}

test_grant_for_other_from_kind_denied if {
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("GRPCRoute", "team-a", service_to))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 1
}

test_grant_from_other_group_denied if {
	g := grant_obj("payments", [{"group": "example.com", "kind": "HTTPRoute", "namespace": "team-a"}], service_to)
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", g)
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 1
}

test_grant_for_other_to_kind_denied if {
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("HTTPRoute", "team-a", [{"group": "", "kind": "Secret"}]))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 1
}

test_grant_named_target_matches_name_only if {
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("HTTPRoute", "team-a", [{"group": "", "kind": "Service", "name": "api"}]))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 0
	count(violations(http_route([{"backendRefs": [backend("payments", "db")]}]), inv)) == 1
}

test_grant_with_empty_to_group_absent_matches_core if {
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("HTTPRoute", "team-a", [{"kind": "Service"}]))
	count(violations(http_route([{"backendRefs": [backend("payments", "api")]}]), inv)) == 0
}

test_non_core_backend_needs_matching_group if {
	ref := {"group": "multicluster.x-k8s.io", "kind": "ServiceImport", "name": "api", "namespace": "payments", "port": 80}
	msg := only_msg(violations(http_route([{"backendRefs": [ref]}]), payments_grant))
	contains(msg, "references multicluster.x-k8s.io/ServiceImport \"payments/api\"")
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("HTTPRoute", "team-a", [{"group": "multicluster.x-k8s.io", "kind": "ServiceImport"}]))
	count(violations(http_route([{"backendRefs": [ref]}]), inv)) == 0
}

test_one_violation_per_bad_ref if {
	o := http_route([
		{"backendRefs": [local_backend("a"), backend("payments", "api")]},
		{"backendRefs": [backend("billing", "x"), backend("payments", "db")]},
	])
	v := violations(o, empty_inventory)
	count(v) == 3
}

test_one_of_two_granted if {
	o := http_route([{"backendRefs": [backend("payments", "api"), backend("billing", "x")]}])
	msg := only_msg(violations(o, payments_grant))
	contains(msg, "spec.rules[0].backendRefs[1] references Service \"billing/x\"")
}

# ---------------------------------------------------------------------------
# Request-mirror filters (rule filters and backendRef filters)
# ---------------------------------------------------------------------------

test_mirror_in_rule_filter_denied if {
	o := http_route([{"filters": [mirror(backend("payments", "shadow"))], "backendRefs": [local_backend("api")]}])
	msg := only_msg(violations(o, empty_inventory))
	contains(msg, "spec.rules[0].filters[0].requestMirror.backendRef references Service \"payments/shadow\"")
}

test_mirror_in_backend_filter_denied if {
	b := {"name": "api", "port": 8080, "filters": [mirror(backend("payments", "shadow"))]}
	o := http_route([{"backendRefs": [b]}])
	msg := only_msg(violations(o, empty_inventory))
	contains(msg, "spec.rules[0].backendRefs[0].filters[0].requestMirror.backendRef references Service \"payments/shadow\"")
}

test_mirror_with_grant_allowed if {
	o := http_route([{"filters": [mirror(backend("payments", "shadow"))], "backendRefs": [local_backend("api")]}])
	count(violations(o, payments_grant)) == 0
}

test_local_mirror_allowed if {
	o := http_route([{"filters": [mirror(local_backend("shadow"))], "backendRefs": [local_backend("api")]}])
	count(violations(o, empty_inventory)) == 0
}

test_other_filters_ignored if {
	f := {"type": "RequestHeaderModifier", "requestHeaderModifier": {"set": [{"name": "x", "value": "y"}]}}
	o := http_route([{"filters": [f], "backendRefs": [local_backend("api")]}])
	count(violations(o, empty_inventory)) == 0
}

test_grpc_route_mirror_denied if {
	o := route_of_kind("GRPCRoute", [{"filters": [mirror(backend("payments", "shadow"))]}])
	count(violations(o, empty_inventory)) == 1
}

# ---------------------------------------------------------------------------
# Every route kind
# ---------------------------------------------------------------------------

test_every_route_kind_checked if {
	count(violations(route_of_kind("GRPCRoute", [{"backendRefs": [backend("payments", "api")]}]), empty_inventory)) == 1
	count(violations(route_of_kind("TLSRoute", [{"backendRefs": [backend("payments", "api")]}]), empty_inventory)) == 1
	count(violations(route_of_kind("TCPRoute", [{"backendRefs": [backend("payments", "api")]}]), empty_inventory)) == 1
	count(violations(route_of_kind("UDPRoute", [{"backendRefs": [backend("payments", "api")]}]), empty_inventory)) == 1
}

test_grant_for_tcp_route if {
	inv := inventory("payments", "gateway.networking.k8s.io/v1beta1", route_grant("TCPRoute", "team-a", service_to))
	count(violations(route_of_kind("TCPRoute", [{"backendRefs": [backend("payments", "api")]}]), inv)) == 0
}

# ---------------------------------------------------------------------------
# Gateway certificateRefs
# ---------------------------------------------------------------------------

certs_grant(to) := inventory("certs", "gateway.networking.k8s.io/v1beta1", grant_obj("certs",
	[{"group": "gateway.networking.k8s.io", "kind": "Gateway", "namespace": "edge"}],
	to))

test_local_certificate_allowed if {
	count(violations(gateway_with_cert({"name": "tls"}), empty_inventory)) == 0
}

test_cross_namespace_certificate_denied if {
	msg := only_msg(violations(gateway_with_cert({"name": "wildcard", "namespace": "certs"}), empty_inventory))
	msg == "Gateway \"edge/gw\" spec.listeners[1].tls.certificateRefs[0] references Secret \"certs/wildcard\" in another namespace; no ReferenceGrant in namespace \"certs\" allows Gateway from namespace \"edge\" to reference it"
}

test_cross_namespace_certificate_with_grant_allowed if {
	inv := certs_grant([{"group": "", "kind": "Secret"}])
	count(violations(gateway_with_cert({"name": "wildcard", "namespace": "certs"}), inv)) == 0
}

test_certificate_grant_for_other_secret_denied if {
	inv := certs_grant([{"group": "", "kind": "Secret", "name": "other"}])
	count(violations(gateway_with_cert({"name": "wildcard", "namespace": "certs"}), inv)) == 1
}

test_certificate_grant_for_routes_does_not_cover_gateway if {
	inv := inventory("certs", "gateway.networking.k8s.io/v1beta1", grant_obj("certs",
		[{"group": "gateway.networking.k8s.io", "kind": "HTTPRoute", "namespace": "edge"}],
		[{"group": "", "kind": "Secret"}]))
	count(violations(gateway_with_cert({"name": "wildcard", "namespace": "certs"}), inv)) == 1
}

test_client_certificate_ref_denied if {
	o := gateway_spec({
		"gatewayClassName": "public",
		"listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}],
		"tls": {"backend": {"clientCertificateRef": {"name": "client", "namespace": "certs"}}},
	})
	msg := only_msg(violations(o, empty_inventory))
	contains(msg, "spec.tls.backend.clientCertificateRef references Secret \"certs/client\"")
}

test_ca_certificate_refs_denied if {
	o := gateway_spec({
		"gatewayClassName": "public",
		"listeners": [{"name": "http", "port": 80, "protocol": "HTTP"}],
		"tls": {"frontend": {
			"default": {"validation": {"caCertificateRefs": [{"group": "", "kind": "ConfigMap", "name": "ca", "namespace": "certs"}]}},
			"perPort": [{"port": 443, "tls": {"validation": {"caCertificateRefs": [{"group": "", "kind": "ConfigMap", "name": "ca2", "namespace": "certs"}]}}}],
		}},
	})
	v := violations(o, empty_inventory)
	count(v) == 2
	inv := certs_grant([{"group": "", "kind": "ConfigMap"}])
	count(violations(o, inv)) == 0
}

test_listener_set_certificate_denied if {
	o := {
		"apiVersion": "gateway.networking.k8s.io/v1",
		"kind": "ListenerSet",
		"metadata": {"name": "ls", "namespace": "team-a"},
		"spec": {
			"parentRef": {"name": "gw", "namespace": "edge"},
			"listeners": [{"name": "https", "port": 443, "protocol": "HTTPS", "tls": {"certificateRefs": [{"name": "wildcard", "namespace": "certs"}]}}],
		},
	}
	msg := only_msg(violations(o, empty_inventory))
	contains(msg, "ListenerSet \"team-a/ls\" spec.listeners[0].tls.certificateRefs[0]")
	inv := inventory("certs", "gateway.networking.k8s.io/v1beta1", grant_obj("certs",
		[{"group": "gateway.networking.k8s.io", "kind": "ListenerSet", "namespace": "team-a"}],
		[{"group": "", "kind": "Secret"}]))
	count(violations(o, inv)) == 0
}

# ---------------------------------------------------------------------------
# Details, operations, namespace fallback
# ---------------------------------------------------------------------------

test_details if {
	v := violations(http_route([{"backendRefs": [backend("payments", "api")]}]), empty_inventory)
	some x in v
	x.details == {"path": "spec.rules[0].backendRefs[0]", "namespace": "payments", "group": "", "kind": "Service", "name": "api"}
}

test_delete_not_checked if {
	o := http_route([{"backendRefs": [backend("payments", "api")]}])
	count(cross_namespace_refs.violation) == 0 with input as {"review": review_op(o, "DELETE"), "parameters": {}} with data.inventory as empty_inventory
}

test_update_checked if {
	o := http_route([{"backendRefs": [backend("payments", "api")]}])
	count(cross_namespace_refs.violation) == 1 with input as {"review": review_op(o, "UPDATE"), "parameters": {}} with data.inventory as empty_inventory
}

test_namespace_from_review if {
	o := {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "web"}, "spec": {"rules": [{"backendRefs": [backend("payments", "api")]}]}}
	r := {"kind": {"group": "gateway.networking.k8s.io", "version": "v1", "kind": "HTTPRoute"}, "object": o, "name": "web", "namespace": "payments", "operation": "CREATE"}
	count(cross_namespace_refs.violation) == 0 with input as {"review": r, "parameters": {}} with data.inventory as empty_inventory
}

test_no_inventory_at_all_denies if {
	o := http_route([{"backendRefs": [backend("payments", "api")]}])
	v := cross_namespace_refs.violation with input as {"review": review_of(o), "parameters": {}}
	count(v) == 1
}

test_external_auth_filter_denied if {
	f := {"type": "ExternalAuth", "externalAuth": {"protocol": "HTTP", "backendRef": backend("payments", "authz")}}
	o := http_route([{"filters": [f], "backendRefs": [local_backend("api")]}])
	msg := only_msg(violations(o, empty_inventory))
	contains(msg, "spec.rules[0].filters[0].externalAuth.backendRef references Service \"payments/authz\"")
}

test_mirror_with_mismatched_type_still_checked if {
	f := {"type": "RequestHeaderModifier", "requestMirror": {"backendRef": backend("payments", "shadow")}}
	o := http_route([{"filters": [f]}])
	count(violations(o, empty_inventory)) == 1
}

test_filter_that_is_not_an_object_ignored if {
	o := http_route([{"filters": ["RequestMirror", null], "backendRefs": [local_backend("api")]}])
	count(violations(o, empty_inventory)) == 0
}
