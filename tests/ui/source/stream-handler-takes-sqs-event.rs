use stackforge::prelude::*;

#[lambda_function]
async fn on_click(_event: SqsEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Clicks {
        stream clicks;
        clicks.on_record(starting_position = LATEST) => on_click;
    }
}

fn main() {}
