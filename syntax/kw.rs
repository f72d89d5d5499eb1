//! Keywords of the `stack!` grammar.

syn::custom_keyword!(function);
syn::custom_keyword!(bucket);
syn::custom_keyword!(role);
syn::custom_keyword!(api);
syn::custom_keyword!(grant);
syn::custom_keyword!(allow);
syn::custom_keyword!(on);
syn::custom_keyword!(output);
