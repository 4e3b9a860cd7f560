//! The hand-built IR fixture shared by the snapshot and compile tests.
//!
//! A small hierarchy that exercises every rule of the generator: inheritance over two levels, an
//! open polymorphic base, a namespaced derived type, a declared enum with a member after
//! `unknownFutureValue`, an inline enum, a deprecated property, recursion, Rust keywords,
//! a leading digit and an acronym.

#![allow(dead_code)]

use std::path::PathBuf;

use graph_ir::{
    BaseOrigin, BaseType, EnumDef, EnumMember, Property, Schema, Source, TypeDef, TypeKind, TypeRef,
};

/// The version label the fixture is generated for.
pub const VERSION: &str = "v1.0";

/// Where the generated fixture module is committed, for the compile test.
pub fn generated_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixture/generated")
}

fn source(page: &str, line: u32) -> Source {
    Source {
        file: format!("api-reference/v1.0/resources/{page}.md"),
        line,
    }
}

fn prop(name: &str, ty: &str, nullable: bool, page: &str, line: u32) -> Property {
    Property {
        name: name.into(),
        ty: TypeRef::named(ty),
        nullable,
        source: source(page, line),
        ..Property::default()
    }
}

fn described(mut p: Property, description: &str) -> Property {
    p.description = description.into();
    p
}

fn structured(
    name: &str,
    kind: TypeKind,
    base: Option<&str>,
    page: &str,
    description: &str,
    properties: Vec<Property>,
) -> TypeDef {
    TypeDef {
        name: name.into(),
        kind,
        base: base.map(|b| BaseType {
            name: b.into(),
            origin: BaseOrigin::Prose,
        }),
        description: description.into(),
        properties,
        source: source(page, 1),
        ..TypeDef::default()
    }
}

fn enumeration(name: &str, description: &str, members: &[&str]) -> EnumDef {
    let mut after = false;
    EnumDef {
        name: name.into(),
        description: description.into(),
        members: members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let member = EnumMember {
                    name: (*m).into(),
                    after_unknown_future_value: after,
                    source: Source {
                        file: "api-reference/v1.0/resources/enums.md".into(),
                        line: 10 + i as u32,
                    },
                    ..EnumMember::default()
                };
                after |= *m == "unknownFutureValue";
                member
            })
            .collect(),
        area: None,
        source: Source {
            file: "api-reference/v1.0/resources/enums.md".into(),
            line: 5,
        },
    }
}

/// The fixture schema.
pub fn schema() -> Schema {
    let mut schema = Schema::new(VERSION);
    let types = vec![
        {
            let mut entity = structured(
                "microsoft.graph.entity",
                TypeKind::Entity,
                None,
                "entity",
                "The base of every entity type.",
                vec![described(
                    prop("id", "Edm.String", false, "entity", 12),
                    "The unique identifier. Read-only.",
                )],
            );
            entity.is_abstract = true;
            entity.key = Some("id".into());
            entity
        },
        structured(
            "microsoft.graph.attendanceRecord",
            TypeKind::Entity,
            Some("microsoft.graph.entity"),
            "attendancerecord",
            "Contains information associated with an attendance record in a [meetingAttendanceReport](meetingattendancereport.md).",
            vec![
                described(
                    prop(
                        "attendanceIntervals",
                        "Collection(microsoft.graph.attendanceInterval)",
                        true,
                        "attendancerecord",
                        20,
                    ),
                    "List of time periods between joining and leaving a meeting.",
                ),
                described(
                    prop("emailAddress", "Edm.String", true, "attendancerecord", 21),
                    "Email address of the user associated with this attendance record.",
                ),
                described(
                    prop("identity", "microsoft.graph.identity", true, "attendancerecord", 22),
                    "Identity of the user associated with this attendance record. The specific type will be one of the following derived types of [identity](identity.md), depending on the type of the user: [communicationsUserIdentity](communicationsuseridentity.md), [azureCommunicationServicesUserIdentity][].",
                ),
                Property {
                    enum_members: vec![
                        "None".into(),
                        "Attendee".into(),
                        "Presenter".into(),
                        "Organizer".into(),
                    ],
                    ..described(
                        prop("role", "Edm.String", true, "attendancerecord", 23),
                        "Role of the attendee. Possible values are: `None`, `Attendee`, `Presenter`, and `Organizer`.",
                    )
                },
                described(
                    prop("totalAttendanceInSeconds", "Edm.Int32", true, "attendancerecord", 24),
                    "Total duration of the attendances in seconds.",
                ),
                Property {
                    deprecated: Some("Use registrationId instead.".into()),
                    ..described(
                        prop("registrantId", "Edm.String", true, "attendancerecord", 25),
                        "Unique identifier of a virtualEventRegistration that is available to all participants registered for the virtualEventWebinar. (deprecated)",
                    )
                },
            ],
        ),
        structured(
            "microsoft.graph.attendanceInterval",
            TypeKind::Complex,
            None,
            "attendanceinterval",
            "Represents an interval of time that a user spent in a meeting.",
            vec![
                prop("durationInSeconds", "Edm.Int32", true, "attendanceinterval", 20),
                prop("joinDateTime", "Edm.DateTimeOffset", true, "attendanceinterval", 21),
                prop("leaveDateTime", "Edm.DateTimeOffset", true, "attendanceinterval", 22),
            ],
        ),
        {
            let mut identity = structured(
                "microsoft.graph.identity",
                TypeKind::Complex,
                None,
                "identity",
                "Represents an identity of an <actor>, for example a user, device, or application. See https://learn.microsoft.com/graph/identity for more.",
                vec![
                    described(
                        prop("displayName", "Edm.String", true, "identity", 20),
                        "The display name of the identity. For drive items, the display name might not always be available or up to date [see remarks].",
                    ),
                    described(
                        prop("id", "Edm.String", true, "identity", 21),
                        "Unique identifier for the identity.",
                    ),
                ],
            );
            identity.open = true;
            identity
        },
        structured(
            "microsoft.graph.userIdentity",
            TypeKind::Complex,
            Some("microsoft.graph.identity"),
            "useridentity",
            "Represents a user identity in audit logs.",
            vec![
                prop("ipAddress", "Edm.String", true, "useridentity", 20),
                prop("userPrincipalName", "Edm.String", true, "useridentity", 21),
            ],
        ),
        structured(
            "microsoft.graph.auditUserIdentity",
            TypeKind::Complex,
            Some("microsoft.graph.userIdentity"),
            "audituseridentity",
            "",
            vec![
                prop("homeTenantId", "Edm.String", true, "audituseridentity", 20),
                prop("homeTenantName", "Edm.String", true, "audituseridentity", 21),
            ],
        ),
        structured(
            "microsoft.graph.communicationsUserIdentity",
            TypeKind::Complex,
            Some("microsoft.graph.identity"),
            "communicationsuseridentity",
            "Represents a user in a communications call.",
            vec![described(
                prop("tenantId", "Edm.String", true, "communicationsuseridentity", 20),
                "The user's tenant ID.",
            )],
        ),
        structured(
            "microsoft.graph.teamworkUserIdentity",
            TypeKind::Complex,
            Some("microsoft.graph.identity"),
            "teamworkuseridentity",
            "Represents a user identity in Teams.",
            vec![prop(
                "userIdentityType",
                "microsoft.graph.teamworkUserIdentityType",
                true,
                "teamworkuseridentity",
                20,
            )],
        ),
        structured(
            "microsoft.graph.security.submissionUserIdentity",
            TypeKind::Complex,
            Some("microsoft.graph.identity"),
            "security-submissionuseridentity",
            "A user who submitted a threat.",
            vec![prop("email", "Edm.String", true, "security-submissionuseridentity", 20)],
        ),
        structured(
            "microsoft.graph.folder",
            TypeKind::Complex,
            None,
            "folder",
            "A folder that contains folders: recursion through a single-valued property.",
            vec![
                prop("name", "Edm.String", false, "folder", 20),
                prop("parent", "microsoft.graph.folder", true, "folder", 21),
                prop("children", "Collection(microsoft.graph.folder)", true, "folder", 22),
            ],
        ),
        structured(
            "microsoft.graph.oddNames",
            TypeKind::Complex,
            None,
            "oddnames",
            "Properties whose names are Rust keywords, acronyms, and every primitive the design maps.",
            vec![
                prop("type", "Edm.String", true, "oddnames", 20),
                prop("self", "Edm.String", true, "oddnames", 21),
                prop("match", "Edm.Boolean", false, "oddnames", 22),
                prop("isMFARegistered", "Edm.Boolean", false, "oddnames", 23),
                prop("resolution", "microsoft.graph.videoResolution", true, "oddnames", 24),
                prop("undocumented", "microsoft.graph.notDocumented", true, "oddnames", 25),
                prop("amount", "Edm.Decimal", true, "oddnames", 26),
                prop("payload", "Edm.Untyped", true, "oddnames", 27),
                prop("createdDate", "Edm.Date", true, "oddnames", 28),
                prop("startTime", "Edm.TimeOfDay", true, "oddnames", 29),
                prop("timeout", "Edm.Duration", true, "oddnames", 30),
                prop("sizes", "Collection(Edm.Int64)", false, "oddnames", 31),
                prop("ratio", "Edm.Double", true, "oddnames", 32),
                prop("flags", "Edm.Byte", true, "oddnames", 33),
                prop("owner", "microsoft.graph.userIdentity", true, "oddnames", 34),
            ],
        ),
    ];
    for t in types {
        schema.types.insert(t.name.clone(), t);
    }
    for e in [
        enumeration(
            "microsoft.graph.teamworkUserIdentityType",
            "The kind of user a [teamworkUserIdentity](teamworkuseridentity.md) represents.",
            &[
                "aadUser",
                "onPremiseAadUser",
                "anonymousGuest",
                "federatedUser",
                "personalMicrosoftAccountUser",
                "skypeUser",
                "phoneUser",
                "unknownFutureValue",
                "emailUser",
            ],
        ),
        enumeration(
            "microsoft.graph.videoResolution",
            "",
            &["1080p", "720p", "other", "unknownFutureValue", "4k"],
        ),
    ] {
        schema.enums.insert(e.name.clone(), e);
    }
    schema
}
