// placeholder: replaced by the simulator branch
