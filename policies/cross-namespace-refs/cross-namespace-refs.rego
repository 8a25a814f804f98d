# GwpcCrossNamespaceRefs: references into another namespace need a ReferenceGrant.
#
# References checked (path in the object; default kind when `kind` is absent):
#   Routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute):
#     spec.rules[i].backendRefs[j]                                    Service
#     spec.rules[i].filters[k].<filter>.backendRef                    Service
#     spec.rules[i].backendRefs[j].filters[k].<filter>.backendRef     Service
#       (<filter>: requestMirror, or any other filter config with a backendRef,
#        such as the experimental externalAuth)
#   Gateway, ListenerSet (and XListenerSet):
#     spec.listeners[i].tls.certificateRefs[j]                        Secret
#     spec.listeners[i].tls.frontendValidation.caCertificateRefs[j]   ConfigMap
#   Gateway:
#     spec.tls.backend.clientCertificateRef                           Secret
#     spec.tls.frontend.default.validation.caCertificateRefs[j]       ConfigMap
#     spec.tls.frontend.perPort[i].tls.validation.caCertificateRefs[j] ConfigMap
# A reference whose `namespace` differs from the object's is denied unless a
# ReferenceGrant synced into data.inventory.namespace[<ref namespace>] under
# any "gateway.networking.k8s.io/<version>" has a from entry {group: the
# object's group, kind: the object's kind, namespace: the object's namespace}
# and a to entry {group: ref group ("" = core), kind: ref kind, name: absent,
# empty or the ref's name} (the Gateway API ReferenceGrant handshake).
package gwpc.cross_namespace_refs

import rego.v1

# ---------------------------------------------------------------------------
# Violations: one per ungranted reference
# ---------------------------------------------------------------------------

violation contains {"msg": msg, "details": details} if {
	checked_operation
	some r in refs
	ref := r.ref
	target_namespace := str_field(ref, "namespace", namespace)
	target_namespace != namespace
	group := str_field(ref, "group", "")
	kind := str_field(ref, "kind", r.defaultKind)
	ref_name := str_field(ref, "name", "")
	not granted(target_namespace, group, kind, ref_name)
	path := sprintf(r.path[0], r.path[1])
	msg := sprintf("%v %v %v references %v %v in another namespace; no ReferenceGrant in namespace %v allows %v from namespace %v to reference it", [
		review_kind,
		quote(object_ref),
		path,
		group_kind(group, kind),
		quote(concat("/", [target_namespace, ref_name])),
		quote(target_namespace),
		review_kind,
		quote(namespace),
	])
	details := {
		"path": path,
		"namespace": target_namespace,
		"group": group,
		"kind": kind,
		"name": ref_name,
	}
}

group_kind(group, kind) := kind if {
	group == ""
}

group_kind(group, kind) := concat("/", [group, kind]) if {
	group != ""
}

# ---------------------------------------------------------------------------
# References: {"path", "ref", "defaultKind"}; "path" is [format, args], so
# its text (a sprintf) is built only for a reference that is denied.
# ---------------------------------------------------------------------------

route_kinds := {"HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"}

listener_owner_kinds := {"Gateway", "ListenerSet", "XListenerSet"}

spec := obj_field(obj, "spec")

refs contains {"path": [format, args], "ref": ref, "defaultKind": "Service"} if {
	review_kind in route_kinds
	some i, rule in arr_field(spec, "rules")
	some j, ref in arr_field(rule, "backendRefs")
	format := "spec.rules[%v].backendRefs[%v]"
	args := [i, j]
}

# Filters: any `<filter>.backendRef` (requestMirror, and experimental ones
# such as externalAuth), whatever the filter's `type` says.
refs contains {"path": [format, args], "ref": ref, "defaultKind": "Service"} if {
	review_kind in route_kinds
	some i, rule in arr_field(spec, "rules")
	some k, filter in arr_field(rule, "filters")
	some field, config in filter
	ref := obj_field(config, "backendRef")
	count(ref) > 0
	format := "spec.rules[%v].filters[%v].%v.backendRef"
	args := [i, k, field]
}

refs contains {"path": [format, args], "ref": ref, "defaultKind": "Service"} if {
	review_kind in route_kinds
	some i, rule in arr_field(spec, "rules")
	some j, backend in arr_field(rule, "backendRefs")
	some k, filter in arr_field(backend, "filters")
	some field, config in filter
	ref := obj_field(config, "backendRef")
	count(ref) > 0
	format := "spec.rules[%v].backendRefs[%v].filters[%v].%v.backendRef"
	args := [i, j, k, field]
}

refs contains {"path": [format, args], "ref": ref, "defaultKind": "Secret"} if {
	review_kind in listener_owner_kinds
	some i, listener in arr_field(spec, "listeners")
	some j, ref in arr_field(obj_field(listener, "tls"), "certificateRefs")
	format := "spec.listeners[%v].tls.certificateRefs[%v]"
	args := [i, j]
}

refs contains {"path": [format, args], "ref": ref, "defaultKind": "ConfigMap"} if {
	review_kind in listener_owner_kinds
	some i, listener in arr_field(spec, "listeners")
	validation := obj_field(obj_field(listener, "tls"), "frontendValidation")
	some j, ref in arr_field(validation, "caCertificateRefs")
	format := "spec.listeners[%v].tls.frontendValidation.caCertificateRefs[%v]"
	args := [i, j]
}

refs contains {"path": ["spec.tls.backend.clientCertificateRef", []], "ref": ref, "defaultKind": "Secret"} if {
	review_kind == "Gateway"
	ref := obj_field(obj_field(obj_field(spec, "tls"), "backend"), "clientCertificateRef")
}

refs contains {"path": [format, args], "ref": ref, "defaultKind": "ConfigMap"} if {
	review_kind == "Gateway"
	frontend := obj_field(obj_field(spec, "tls"), "frontend")
	validation := obj_field(obj_field(frontend, "default"), "validation")
	some j, ref in arr_field(validation, "caCertificateRefs")
	format := "spec.tls.frontend.default.validation.caCertificateRefs[%v]"
	args := [j]
}

refs contains {"path": [format, args], "ref": ref, "defaultKind": "ConfigMap"} if {
	review_kind == "Gateway"
	frontend := obj_field(obj_field(spec, "tls"), "frontend")
	some i, port in arr_field(frontend, "perPort")
	validation := obj_field(obj_field(port, "tls"), "validation")
	some j, ref in arr_field(validation, "caCertificateRefs")
	format := "spec.tls.frontend.perPort[%v].tls.validation.caCertificateRefs[%v]"
	args := [i, j]
}

# ---------------------------------------------------------------------------
# The ReferenceGrant handshake
# ---------------------------------------------------------------------------

# One ref down to the ReferenceGrants: a host that loads only the inventory
# paths a template reads (gwpc does) then loads only ReferenceGrants.
granted(target_namespace, group, kind, ref_name) if {
	some group_version, grant
	grant = data.inventory.namespace[target_namespace][group_version].ReferenceGrant[_]
	startswith(group_version, "gateway.networking.k8s.io/")
	grant_allows(grant, group, kind, ref_name)
}

grant_allows(grant, group, kind, ref_name) if {
	grant_spec := obj_field(grant, "spec")
	some f in arr_field(grant_spec, "from")
	str_field(f, "group", "") == from_group
	str_field(f, "kind", "") == review_kind
	str_field(f, "namespace", "") == namespace
	some t in arr_field(grant_spec, "to")
	str_field(t, "group", "") == group
	str_field(t, "kind", "") == kind
	to_name_matches(t, ref_name)
}

to_name_matches(t, ref_name) if {
	str_field(t, "name", "") == ""
}

to_name_matches(t, ref_name) if {
	str_field(t, "name", "") == ref_name
}

# The referencing object's API group: the review's kind.group, else the
# object's apiVersion, else gateway.networking.k8s.io.
from_group := g if {
	g := str_field(obj_field(review, "kind"), "group", "")
	g != ""
}

from_group := g if {
	str_field(obj_field(review, "kind"), "group", "") == ""
	parts := split(str_field(obj, "apiVersion", ""), "/")
	count(parts) == 2
	g := parts[0]
}

from_group := "gateway.networking.k8s.io" if {
	str_field(obj_field(review, "kind"), "group", "") == ""
	not count(split(str_field(obj, "apiVersion", ""), "/")) == 2
}

object_ref := concat("/", [namespace, name]) if {
	namespace != ""
}

object_ref := name if {
	namespace == ""
}

# ---------------------------------------------------------------------------
# Input accessors (shared shape across gwpc policies)
# ---------------------------------------------------------------------------

review := obj_field(input, "review")

obj := obj_field(review, "object")

meta := obj_field(obj, "metadata")

params := obj_field(input, "parameters")

review_kind := k if {
	k := str_field(obj_field(review, "kind"), "kind", "")
	k != ""
}

review_kind := str_field(obj, "kind", "") if {
	str_field(obj_field(review, "kind"), "kind", "") == ""
}

namespace := ns if {
	ns := str_field(meta, "namespace", "")
	ns != ""
}

namespace := str_field(review, "namespace", "") if {
	str_field(meta, "namespace", "") == ""
}

name := n if {
	n := str_field(meta, "name", "")
	n != ""
}

name := str_field(review, "name", "") if {
	str_field(meta, "name", "") == ""
}

# CREATE, UPDATE, and audit / gator objects (no operation). Never DELETE or CONNECT.
checked_operation if {
	str_field(review, "operation", "") in {"", "CREATE", "UPDATE"}
}

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# `*`-only glob over names. glob.match treats "." as a delimiter when given
# [], so dots are mapped to "_" (which no Kubernetes name, kind or gwpc glob
# contains) on both sides first: `*` then matches any run of characters.
glob_ok(pattern, value) if {
	pattern == value
}

glob_ok(pattern, value) if {
	pattern != value
	glob.match(concat("_", split(pattern, ".")), [], concat("_", split(value, ".")))
}

quote(s) := concat("", ["\"", s, "\""])

obj_field(o, k) := v if {
	v := object.get(o, k, {})
	is_object(v)
}

obj_field(o, k) := {} if {
	not is_object(object.get(o, k, {}))
}

arr_field(o, k) := v if {
	v := object.get(o, k, [])
	is_array(v)
}

arr_field(o, k) := [] if {
	not is_array(object.get(o, k, []))
}

str_field(o, k, d) := v if {
	v := object.get(o, k, d)
	is_string(v)
}

str_field(o, k, d) := d if {
	not is_string(object.get(o, k, d))
}
