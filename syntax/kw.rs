//! Keywords of the `stack!` grammar.

syn::custom_keyword!(function);
syn::custom_keyword!(bucket);
syn::custom_keyword!(role);
syn::custom_keyword!(api);
syn::custom_keyword!(grant);
syn::custom_keyword!(allow);
syn::custom_keyword!(on);
syn::custom_keyword!(output);
syn::custom_keyword!(queue);
syn::custom_keyword!(table);
syn::custom_keyword!(stream);
syn::custom_keyword!(topic);
syn::custom_keyword!(event_bus);
syn::custom_keyword!(schedule);
syn::custom_keyword!(rule);
syn::custom_keyword!(version);
syn::custom_keyword!(alias);
syn::custom_keyword!(alarm);
syn::custom_keyword!(quotas);
