import LeadsLoading from "../../loading";

export default LeadsLoading;
