//! Hand-written serde structs with the attendance records' fields and nothing more: no
//! polymorphism, no absent/null distinction, unknown properties dropped. This is what
//! serde_json can do at best for the same data, the ceiling the models are measured against.

#![allow(missing_docs)] // field names are the wire names; the module doc says what they are

use serde::{Deserialize, Serialize};

/// `{"@odata.context", "@odata.count", "value": [...]}`.
#[derive(Debug, Deserialize, Serialize)]
pub struct PlainPage {
    #[serde(rename = "@odata.context")]
    pub context: Option<String>,
    #[serde(rename = "@odata.count")]
    pub count: Option<i64>,
    pub value: Vec<PlainRecord>,
}

/// An attendance record.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainRecord {
    pub id: Option<String>,
    pub email_address: Option<String>,
    pub total_attendance_in_seconds: Option<i32>,
    pub role: Option<String>,
    pub registration_id: Option<String>,
    pub external_registration_information: Option<PlainExternalInformation>,
    pub identity: Option<PlainIdentity>,
    pub attendance_intervals: Option<Vec<PlainInterval>>,
}

/// `virtualEventExternalRegistrationInformation`.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainExternalInformation {
    pub referrer: Option<String>,
    pub registration_id: Option<String>,
}

/// Every identity flattened into one struct: the tag is just a string.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainIdentity {
    #[serde(rename = "@odata.type")]
    pub odata_type: Option<String>,
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub tenant_id: Option<String>,
    pub azure_communication_services_resource_id: Option<String>,
}

/// An attendance interval; timestamps stay text, as in the models.
#[derive(Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlainInterval {
    pub join_date_time: Option<String>,
    pub leave_date_time: Option<String>,
    pub duration_in_seconds: Option<i32>,
}
