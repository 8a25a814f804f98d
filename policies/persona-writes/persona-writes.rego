# GwpcPersonaWrites: persona write rights, checked at admission.
#
# Families: GatewayClass; Gateway (Gateway, ListenerSet, XListenerSet);
# Route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute).
# A CREATE or UPDATE whose userInfo holds no grant for the object's family is
# denied. A grant holds when one of the user's groups is in grant.groups (or
# the username is in grant.users), the family is in grant.families, and
# grant.namespaces is empty (cluster-wide) or lists the object's namespace
# exactly (a namespace-limited grant never covers a cluster-scoped object).
# Users in parameters.exemptGroups are never checked. A review without
# userInfo (audit of a cluster dump), or with neither username nor groups,
# is never denied.
package gwpc.persona_writes

import rego.v1

# ---------------------------------------------------------------------------
# Violation
# ---------------------------------------------------------------------------

violation contains {"msg": msg, "details": details} if {
	checked_operation
	has_user_info
	fam := family
	not exempt
	not authorized
	msg := sprintf("user %v (groups: %v) may not %v %v %v: no persona grant gives write access to the %v family%v", [
		quote(username),
		groups_text,
		operation_text,
		review_kind,
		quote(object_ref),
		fam,
		scope_text,
	])
	details := {
		"username": username,
		"groups": sort(groups),
		"family": fam,
		"namespace": namespace,
	}
}

# ---------------------------------------------------------------------------
# The decision
# ---------------------------------------------------------------------------

route_kinds := {"HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "UDPRoute"}

family := "GatewayClass" if {
	review_kind == "GatewayClass"
}

family := "Gateway" if {
	review_kind in {"Gateway", "ListenerSet", "XListenerSet"}
}

family := "Route" if {
	review_kind in route_kinds
}

user_info := obj_field(review, "userInfo")

username := str_field(user_info, "username", "")

groups := [g | some g in arr_field(user_info, "groups"); is_string(g)]

has_user_info if {
	username != ""
}

has_user_info if {
	count(groups) > 0
}

exempt if {
	some g in groups
	g in arr_param("exemptGroups")
}

grants := [g | some g in arr_param("grants"); is_object(g)]

authorized if {
	some g in grants
	grant_holds(g)
}

grant_holds(g) if {
	family in arr_field(g, "families")
	subject_matches(g)
	namespace_matches(g)
}

subject_matches(g) if {
	some x in groups
	x in arr_field(g, "groups")
}

subject_matches(g) if {
	username != ""
	username in arr_field(g, "users")
}

namespace_matches(g) if {
	count(arr_field(g, "namespaces")) == 0
}

namespace_matches(g) if {
	namespace != ""
	namespace in arr_field(g, "namespaces")
}

arr_param(k) := v if {
	v := object.get(params, k, [])
	is_array(v)
}

arr_param(k) := [] if {
	not is_array(object.get(params, k, []))
}

# ---------------------------------------------------------------------------
# Message parts
# ---------------------------------------------------------------------------

groups_text := "none" if {
	count(groups) == 0
}

groups_text := concat(", ", sort(groups)) if {
	count(groups) > 0
}

operation_text := "write" if {
	str_field(review, "operation", "") == ""
}

operation_text := lower(op) if {
	op := str_field(review, "operation", "")
	op != ""
}

scope_text := "" if {
	namespace == ""
}

scope_text := concat("", [" in namespace ", quote(namespace)]) if {
	namespace != ""
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
