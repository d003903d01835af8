//! Table columns that follow a serde struct: the CSV header and rows of a
//! `Claim` are derived from the struct itself, so a field the library adds
//! shows up in the table without a change here.
//!
//! [`Columns::of`] walks a type's `Deserialize` implementation with a
//! tracing deserializer that records every field name in declaration order
//! (nested structs flattened as `parent_child`, e.g. `sentence_start`).
//! [`Columns::cells`] turns a serialised value into the same columns, with
//! numbers as their exact JSON text.

use serde::de::value::{Error, StrDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::Value;

/// The columns of a struct type: its fields in declaration order, nested
/// structs flattened with `_` (`sentence` → `sentence_start`, `sentence_end`).
#[derive(Debug, Clone)]
pub struct Columns {
    /// Each column's path of field names.
    paths: Vec<Vec<&'static str>>,
    names: Vec<String>,
}

impl Columns {
    /// The columns of `T`, read from its `Deserialize` implementation.
    pub fn of<T: de::DeserializeOwned>() -> Result<Self, String> {
        let mut paths = Vec::new();
        T::deserialize(Tracer {
            path: Vec::new(),
            out: &mut paths,
        })
        .map_err(|e| format!("cannot list the fields: {e}"))?;
        let names = paths.iter().map(|p| p.join("_")).collect();
        Ok(Columns { paths, names })
    }

    /// The column names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// `value` (a serialised `T`) as one cell per column, in order: strings
    /// as they are, numbers as their exact JSON text, null as an empty cell,
    /// arrays as JSON. A field that is not a column is an error.
    pub fn cells(&self, value: &Value) -> Result<Vec<String>, String> {
        let mut used: Vec<*const Value> = Vec::with_capacity(self.paths.len());
        let row = self
            .paths
            .iter()
            .map(|path| {
                let mut v = value;
                for key in path {
                    match v.get(key) {
                        Some(inner) => v = inner,
                        // A nested struct that is null: its columns are empty.
                        None => break,
                    }
                }
                used.push(v);
                match v {
                    Value::Null | Value::Object(_) => String::new(),
                    Value::String(s) => s.clone(),
                    Value::Number(n) => n.to_string(),
                    Value::Bool(b) => b.to_string(),
                    Value::Array(_) => v.to_string(),
                }
            })
            .collect();
        used.sort();
        used.dedup();
        if used.len() != leaves(value) {
            return Err(format!(
                "{} has fields that are not among the columns {:?}",
                value, self.names
            ));
        }
        Ok(row)
    }
}

/// The number of leaf values of `v` (non-empty objects are not leaves).
fn leaves(v: &Value) -> usize {
    match v {
        Value::Object(m) if !m.is_empty() => m.values().map(leaves).sum(),
        _ => 1,
    }
}

/// A deserializer that hands out neutral values and records the path of
/// every leaf it is asked for.
struct Tracer<'a> {
    path: Vec<&'static str>,
    out: &'a mut Vec<Vec<&'static str>>,
}

impl Tracer<'_> {
    fn leaf(self) {
        self.out.push(self.path);
    }
}

macro_rules! leaf {
    ($($method:ident => $visit:ident($($value:expr)?)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.leaf();
            visitor.$visit($($value)?)
        }
    )*};
}

impl<'de> Deserializer<'de> for Tracer<'_> {
    type Error = Error;

    leaf! {
        // A JSON number (how exact decimals are read) accepts an integer.
        deserialize_any => visit_u64(0),
        deserialize_bool => visit_bool(false),
        deserialize_i8 => visit_i8(0),
        deserialize_i16 => visit_i16(0),
        deserialize_i32 => visit_i32(0),
        deserialize_i64 => visit_i64(0),
        deserialize_i128 => visit_i128(0),
        deserialize_u8 => visit_u8(0),
        deserialize_u16 => visit_u16(0),
        deserialize_u32 => visit_u32(0),
        deserialize_u64 => visit_u64(0),
        deserialize_u128 => visit_u128(0),
        deserialize_f32 => visit_f32(0.0),
        deserialize_f64 => visit_f64(0.0),
        deserialize_char => visit_char(' '),
        deserialize_str => visit_str(""),
        deserialize_string => visit_string(String::new()),
        deserialize_bytes => visit_bytes(&[]),
        deserialize_byte_buf => visit_byte_buf(Vec::new()),
        deserialize_unit => visit_unit(),
        deserialize_identifier => visit_str(""),
        deserialize_ignored_any => visit_unit(),
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.leaf();
        visitor.visit_seq(Empty)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.leaf();
        visitor.visit_map(Empty)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_map(Fields {
            fields: fields.iter(),
            path: self.path,
            out: self.out,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let first = variants
            .first()
            .ok_or_else(|| de::Error::custom("an enum without variants"))?;
        self.leaf();
        let variant: StrDeserializer<'_, Error> = first.into_deserializer();
        visitor.visit_enum(variant)
    }
}

/// An empty sequence or map.
struct Empty;

impl<'de> SeqAccess<'de> for Empty {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        _: T,
    ) -> Result<Option<T::Value>, Error> {
        Ok(None)
    }
}

impl<'de> MapAccess<'de> for Empty {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _: K) -> Result<Option<K::Value>, Error> {
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, _: V) -> Result<V::Value, Error> {
        Err(de::Error::custom("no value"))
    }
}

/// The fields of a struct, each traced under its own name.
struct Fields<'a> {
    fields: std::slice::Iter<'static, &'static str>,
    path: Vec<&'static str>,
    out: &'a mut Vec<Vec<&'static str>>,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.fields.as_slice().first() {
            None => Ok(None),
            Some(name) => {
                let key: StrDeserializer<'_, Error> = name.into_deserializer();
                seed.deserialize(key).map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let name = self
            .fields
            .next()
            .ok_or_else(|| de::Error::custom("a value without a field"))?;
        let mut path = self.path.clone();
        path.push(name);
        seed.deserialize(Tracer {
            path,
            out: &mut *self.out,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhclaims::{Claim, Extractor};

    /// The leaf keys of a JSON text in the order written, nested objects
    /// flattened with `_`.
    struct Keys<'a> {
        prefix: String,
        out: &'a mut Vec<String>,
    }

    impl<'de> DeserializeSeed<'de> for Keys<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("JSON")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(k) = map.next_key::<String>()? {
                // serde_json's `arbitrary_precision` hands numbers over as a
                // map with one private key.
                if k == "$serde_json::private::Number" {
                    map.next_value::<String>()?;
                    self.out.push(self.prefix);
                    return Ok(());
                }
                let prefix = if self.prefix.is_empty() {
                    k
                } else {
                    format!("{}_{k}", self.prefix)
                };
                map.next_value_seed(Keys {
                    prefix,
                    out: &mut *self.out,
                })?;
            }
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            self.out.push(self.prefix);
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            self.out.push(self.prefix);
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            self.out.push(self.prefix);
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            self.out.push(self.prefix);
            Ok(())
        }
    }

    fn keys_in_order(json: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut d = serde_json::Deserializer::from_str(json);
        Keys {
            prefix: String::new(),
            out: &mut out,
        }
        .deserialize(&mut d)
        .unwrap();
        out
    }

    #[test]
    fn claim_columns_follow_the_serialised_claim() {
        let columns = Columns::of::<Claim>().unwrap();
        let cols = columns.names();
        assert!(cols.starts_with(&["start".into(), "end".into(), "text".into()]));
        let text = "全区居民人均可支配收入32688.5元，同比增长6.2%，约4-12周。";
        let doc = Extractor::new().extract(text);
        assert!(doc.claims.len() >= 2, "{doc:?}");
        for c in &doc.claims {
            let json = serde_json::to_string(c).unwrap();
            assert_eq!(keys_in_order(&json), cols, "{json}");
            let v: Value = serde_json::from_str(&json).unwrap();
            let row = columns.cells(&v).unwrap();
            let at = |name: &str| &row[cols.iter().position(|c| c == name).unwrap()];
            assert_eq!(at("text"), &c.text);
            assert_eq!(at("value"), &c.value.normalize().to_string());
            assert_eq!(at("sentence_start"), &c.sentence.start.to_string());
        }
    }

    #[test]
    fn unknown_keys_are_an_error_and_null_structs_empty() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Inner {
            c: Option<u8>,
            d: String,
        }
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Outer {
            a: u64,
            b: Option<Inner>,
        }
        let cols = Columns::of::<Outer>().unwrap();
        assert_eq!(cols.names(), ["a", "b_c", "b_d"]);
        let v: Value = serde_json::json!({"a": 1, "b": {"c": null, "d": "x"}});
        assert_eq!(cols.cells(&v).unwrap(), ["1", "", "x"]);
        let v: Value = serde_json::json!({"a": 1, "b": null});
        assert_eq!(cols.cells(&v).unwrap(), ["1", "", ""]);
        let v: Value = serde_json::json!({"a": 1, "b": null, "e": 2});
        assert!(cols.cells(&v).is_err());
        let v: Value = serde_json::json!({"a": 1, "b": {"c": 1, "d": "x", "f": 0}});
        assert!(cols.cells(&v).is_err());
    }
}
