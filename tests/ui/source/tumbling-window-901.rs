use stackforge::prelude::*;

#[lambda_function]
async fn on_click(_event: KinesisEvent) -> Result<(), Error> {
    Ok(())
}

stack! {
    Clicks {
        stream clicks;
        clicks.on_record(starting_position = LATEST, tumbling_window = 901) => on_click;
    }
}

fn main() {}
